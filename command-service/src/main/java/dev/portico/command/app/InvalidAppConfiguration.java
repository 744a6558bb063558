package dev.portico.command.app;

import java.util.stream.Collectors;

/** Stops the start: an app's configuration has errors. The message lists each with its file, field and fix. */
public class InvalidAppConfiguration extends RuntimeException {
    InvalidAppConfiguration(String message) {
        super(message);
    }

    public static void throwIfAny(ConfigurationProblems problems) {
        if (!problems.errors().isEmpty()) {
            throw new InvalidAppConfiguration("the app configuration has errors:\n" + problems.errors().stream()
                    .map(problem -> "  - " + problem).collect(Collectors.joining("\n")));
        }
    }
}
