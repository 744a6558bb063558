package dev.portico.events.user;

import dev.portico.events.AppId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user came into being in an app. Its first identity follows as {@code IdentityLinked}. */
@Revision("1")
public record UserRegistered(UserId userId, AppId appId, UserType type, Instant registeredAt) implements UserEvent {
}
