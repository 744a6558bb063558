package dev.portico.query.query;

import dev.portico.events.UserId;
import java.util.Objects;

/** One user by id; answered with {@code Optional<UserView>}, empty when the user does not exist (any more). */
public record FindUser(UserId userId) {
    public FindUser {
        Objects.requireNonNull(userId, "userId");
    }
}
