package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** The client app id that SDKs put into their URLs, e.g. {@code myapp-abcde}. */
public record AppId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AppId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("app id must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
