package dev.portico.events;

import java.util.Objects;

/**
 * Personal data inside an event, encrypted under a key that belongs to one user and is kept outside the
 * event store. Destroying that key erases the data from every copy of the log at once; everything else
 * in the event stays readable. See {@link PersonalDataCipher} for the format.
 */
public record SealedData(String sealed) {
    public SealedData {
        Objects.requireNonNull(sealed, "sealed");
    }
}
