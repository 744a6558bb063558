package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** The client app id that SDKs put into their URLs, e.g. {@code myapp-abcde}. */
public record AppId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AppId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 255 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("an app id is 1 to 255 characters, none of them a control character");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
