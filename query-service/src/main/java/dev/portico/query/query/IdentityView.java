package dev.portico.query.query;

import dev.portico.events.ProviderType;

/** One way of logging in as a user; {@code subject} is the provider's id of the person. */
public record IdentityView(ProviderType providerType, String providerId, String subject) {
}
