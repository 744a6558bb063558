package dev.portico.events;

import java.util.Objects;

/** One login session: the thing a refresh token stands for. */
public record SessionId(String value) {
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
