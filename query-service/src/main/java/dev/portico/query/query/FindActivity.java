package dev.portico.query.query;

import dev.portico.events.AppId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An app's activity for the console's overview, answered with an {@link ActivityView}: sessions issued per
 * provider in each {@code bucket} from {@code from} on (logins and links, from the sessions read model; a
 * deleted user's sessions are gone with it), and the app's users by state.
 */
public record FindActivity(AppId appId, Instant from, Duration bucket) {
    public static final Duration SHORTEST_BUCKET = Duration.ofMinutes(1);

    public FindActivity {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(from, "from");
        if (bucket.compareTo(SHORTEST_BUCKET) < 0) {
            throw new IllegalArgumentException("bucket must be a minute or longer");
        }
    }
}
