package dev.portico.query.query;

import dev.portico.events.UserId;
import java.util.Objects;

/** A user's custom data; answered with {@code Optional<CustomDataView>}, empty when the user does not exist. */
public record FindCustomData(UserId userId) {
    public FindCustomData {
        Objects.requireNonNull(userId, "userId");
    }
}
