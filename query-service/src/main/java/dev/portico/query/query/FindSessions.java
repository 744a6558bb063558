package dev.portico.query.query;

import dev.portico.events.UserId;
import java.util.Objects;

/**
 * A user's latest sessions, newest first, at most {@value #LIMIT}; answered with {@code Optional<SessionsView>},
 * empty when the user does not exist.
 */
public record FindSessions(UserId userId) {
    public static final int LIMIT = 100;

    public FindSessions {
        Objects.requireNonNull(userId, "userId");
    }
}
