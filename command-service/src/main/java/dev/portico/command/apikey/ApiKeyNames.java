package dev.portico.command.apikey;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What App Services allowed as an API key name (ASCII letters, digits, {@code _} and {@code -}), with a length
 * bound of ours: names are listed back on every fetch, and each is sealed into an event.
 */
public final class ApiKeyNames {
    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    private ApiKeyNames() {
    }

    /** What is wrong with {@code name}, in the words clients are shown; empty when it is a good name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("API key name must be a non-empty string");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("API key name must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("API key name can only contain ASCII letters, numbers, underscores, and hyphens");
        }
        return Optional.empty();
    }
}
