package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Personal data inside an event, encrypted under a key that belongs to one user and is kept outside the
 * event store. Destroying that key erases the data from every copy of the log at once; everything else in
 * the event stays readable.
 *
 * <p>The value is {@code <format>.<keyId>.<payload>}: the format names the cipher ({@link PersonalDataCipher}),
 * the key id which of the user's keys sealed it. A new cipher or a rotated key therefore changes values, not
 * the shape of any event, and needs no upcaster.
 */
public record SealedData(@JsonValue String sealed) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SealedData {
        Objects.requireNonNull(sealed, "sealed");
        int first = sealed.indexOf('.');
        int second = first < 0 ? -1 : sealed.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == sealed.length() - 1) {
            throw new IllegalArgumentException("sealed data must read <format>.<keyId>.<payload>");
        }
    }

    public String format() {
        return sealed.substring(0, sealed.indexOf('.'));
    }

    public String keyId() {
        int first = sealed.indexOf('.');
        return sealed.substring(first + 1, sealed.indexOf('.', first + 1));
    }

    public String payload() {
        int first = sealed.indexOf('.');
        return sealed.substring(sealed.indexOf('.', first + 1) + 1);
    }
}
