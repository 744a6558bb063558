package dev.portico.events;

import java.util.Objects;

/**
 * One way of logging in as a user: which provider (its type and its configured id) vouches for which
 * subject. The subject is the provider's own id of the person, e.g. a JWT {@code sub}.
 */
public record Identity(ProviderType providerType, String providerId, String subject) {
    public Identity {
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(subject, "subject");
    }
}
