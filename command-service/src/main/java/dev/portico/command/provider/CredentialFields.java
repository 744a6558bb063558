package dev.portico.command.provider;

import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Reads a credential field of a login body: a string of bounded length, or nothing. */
final class CredentialFields {
    private CredentialFields() {
    }

    /** @throws MalformedCredentials when the field is there but no string, or longer than {@code maxLength} */
    static Optional<String> string(String provider, BsonDocument fields, String name, int maxLength) {
        BsonValue value = fields.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new MalformedCredentials(provider + ": " + name + " must be a string");
        }
        String text = value.asString().getValue();
        if (text.length() > maxLength) {
            throw new MalformedCredentials(provider + ": " + name + " is longer than " + maxLength + " characters");
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
