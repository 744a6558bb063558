package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * The device a session was opened from. SDKs parse it as an ObjectId before every later login, so it is
 * always 24 hex characters; all zeros means "no device".
 */
public record DeviceId(@JsonValue String value) {
    public static final DeviceId NONE = new DeviceId("000000000000000000000000");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DeviceId {
        Objects.requireNonNull(value, "value");
        if (!Ids.isObjectIdHex(value)) {
            throw new IllegalArgumentException("device id must be 24 hex characters");
        }
    }

    public static DeviceId generate() {
        return new DeviceId(Ids.newObjectIdHex());
    }

    @Override
    public String toString() {
        return value;
    }
}
