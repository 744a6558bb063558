package dev.portico.query.readmodel;

import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import java.time.Instant;

/**
 * A row of {@code user_identities}: one way of logging in as the user. The provider's subject and profile are
 * personal data and stay sealed under the user's key ({@code profile} is null when the provider gave none).
 */
public record IdentityRow(UserId userId, IdentityId identityId, ProviderType providerType, String providerId,
        SealedData subject, SealedData profile, Instant linkedAt) {
}
