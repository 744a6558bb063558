package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An API key of a user, as clients name it when they fetch, enable, disable or delete it: 24 hex characters,
 * the ObjectId form SDKs expect in {@code _id}. It names the key, never its secret.
 */
public record ApiKeyId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ApiKeyId {
        Objects.requireNonNull(value, "value");
        if (!Ids.isObjectIdHex(value)) {
            throw new IllegalArgumentException("API key id must be 24 hex characters");
        }
    }

    public static ApiKeyId generate() {
        return new ApiKeyId(Ids.newObjectIdHex());
    }

    /** True when {@code value} could name a key; a client's path segment is checked with this before use. */
    public static boolean isValid(String value) {
        return value != null && Ids.isObjectIdHex(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
