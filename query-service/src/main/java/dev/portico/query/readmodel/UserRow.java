package dev.portico.query.readmodel;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.time.Instant;

/** A row of {@code users}; {@code lastLoginAt} is null until the first session. */
public record UserRow(UserId id, AppId appId, UserType type, UserState state, Instant createdAt, Instant lastLoginAt) {
}
