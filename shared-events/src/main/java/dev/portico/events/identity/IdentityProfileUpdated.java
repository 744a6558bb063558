package dev.portico.events.identity;

import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What a provider says about the person behind a linked identity changed (e.g. the metadata fields of a
 * custom JWT, which App Services refreshed at every login); {@code profile} replaces the identity's earlier
 * one, sealed as in {@code IdentityLinked}. Recorded only when the profile differs, so logins alone do not
 * lengthen the user's stream.
 */
@Revision("1")
public record IdentityProfileUpdated(UserId userId, IdentityId identityId, SealedData profile, Instant updatedAt)
        implements UserEvent {
}
