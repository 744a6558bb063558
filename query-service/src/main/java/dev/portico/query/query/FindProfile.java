package dev.portico.query.query;

import dev.portico.events.UserId;
import java.util.Objects;

/** A user's profile; answered with {@code Optional<ProfileView>}, empty when the user does not exist. */
public record FindProfile(UserId userId) {
    public FindProfile {
        Objects.requireNonNull(userId, "userId");
    }
}
