package dev.portico.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user came into being in an app. Its first identity follows as {@link IdentityLinked}. */
@Revision("1")
public record UserRegistered(UserId userId, AppId appId, UserType type, Instant registeredAt) {
}
