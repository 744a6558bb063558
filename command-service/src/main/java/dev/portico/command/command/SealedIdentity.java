package dev.portico.command.command;

import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.identity.ProviderType;

/**
 * An identity as a user's events record it: named by {@code id}, with the provider's subject and profile
 * sealed under the user's key ({@code profile} is null when the provider gives none).
 */
public record SealedIdentity(IdentityId id, ProviderType providerType, String providerId, SealedData subject,
        SealedData profile) {
}
