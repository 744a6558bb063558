package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** A user's id: 24 lowercase hex characters, the form App Services clients expect. */
public record UserId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
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
