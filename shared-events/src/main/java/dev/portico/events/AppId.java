package dev.portico.events;

import java.util.Objects;

/** The client app id that SDKs put into their URLs, e.g. {@code myapp-abcde}. */
public record AppId(String value) {
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
