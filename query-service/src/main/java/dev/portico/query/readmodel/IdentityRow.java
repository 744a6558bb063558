package dev.portico.query.readmodel;

import dev.portico.events.ProviderType;
import dev.portico.events.UserId;
import java.time.Instant;

/** A row of {@code user_identities}: one way of logging in as the user. */
public record IdentityRow(UserId userId, ProviderType providerType, String providerId, String subject,
        Instant linkedAt) {
}
