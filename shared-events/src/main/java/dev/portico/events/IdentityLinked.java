package dev.portico.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An identity now logs in as this user. {@code profile} holds the provider's metadata about the person
 * (names, e-mail, picture) as a sealed JSON object, or is null when the provider gives none.
 */
@Revision("1")
public record IdentityLinked(UserId userId, AppId appId, Identity identity, SealedData profile, Instant linkedAt) {
}
