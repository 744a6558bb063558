package dev.portico.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Names one identity of one user without saying who the person is: a keyed digest of the provider and the
 * provider's subject under that user's personal-data key (32 hex characters). The same credentials always
 * give the same id for the same user, so the user can tell a repeated link from a new one; once the user's
 * key is destroyed, nothing links the id to a person.
 */
public record IdentityId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IdentityId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("identity id must be 32 hex characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
