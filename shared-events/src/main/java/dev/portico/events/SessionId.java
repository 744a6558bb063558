package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** One login session: the thing a refresh token stands for. */
public record SessionId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!Ids.isObjectIdHex(value)) {
            throw new IllegalArgumentException("session id must be 24 hex characters");
        }
    }

    public static SessionId generate() {
        return new SessionId(Ids.newObjectIdHex());
    }

    @Override
    public String toString() {
        return value;
    }
}
