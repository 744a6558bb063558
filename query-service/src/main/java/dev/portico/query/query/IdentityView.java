package dev.portico.query.query;

import dev.portico.events.IdentityId;
import dev.portico.events.identity.ProviderType;
import java.time.Instant;

/** One way of logging in as a user, named by its opaque id (the provider's subject stays sealed). */
public record IdentityView(IdentityId identityId, ProviderType providerType, String providerId, Instant linkedAt) {
}
