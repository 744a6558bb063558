package dev.portico.events.identity;

import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.SealedText;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An identity now logs in as this user. The provider's id of the person ({@code subject}, often an e-mail
 * address) and the provider's metadata about them ({@code profile}: names, e-mail, picture; null when the
 * provider gives none) are personal data, so both are sealed; {@code identityId} names the identity without
 * revealing it.
 */
@Revision("1")
public record IdentityLinked(
        UserId userId,
        AppId appId,
        IdentityId identityId,
        ProviderType providerType,
        String providerId,
        @SealedText SealedData subject,
        SealedData profile,
        Instant linkedAt) implements UserEvent {
}
