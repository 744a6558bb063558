package dev.portico.events;

import java.util.Objects;

/** A user's id: 24 lowercase hex characters, the form App Services clients expect. */
public record UserId(String value) {
    public UserId {
        Objects.requireNonNull(value, "value");
        if (!Ids.isObjectIdHex(value)) {
            throw new IllegalArgumentException("user id must be 24 hex characters");
        }
    }

    public static UserId generate() {
        return new UserId(Ids.newObjectIdHex());
    }

    /** Axon takes the aggregate identifier from toString(). */
    @Override
    public String toString() {
        return value;
    }
}
