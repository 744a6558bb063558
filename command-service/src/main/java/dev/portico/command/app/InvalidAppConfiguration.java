package dev.portico.command.app;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the start: an app's configuration has errors. The message lists each with its file, field and fix. */
public class InvalidAppConfiguration extends RuntimeException {
    private static final Logger log = LoggerFactory.getLogger(InvalidAppConfiguration.class);

    InvalidAppConfiguration(String message) {
        super(message);
    }

    /** Logs the warnings (the app still loads, so the operator reads them in the log) and throws on errors. */
    public static void throwIfAny(ConfigurationProblems problems) {
        problems.warnings().forEach(warning -> log.warn("app configuration: {}", warning));
        if (!problems.errors().isEmpty()) {
            throw new InvalidAppConfiguration("the app configuration has errors:\n" + problems.errors().stream()
                    .map(problem -> "  - " + problem).collect(Collectors.joining("\n")));
        }
    }
}
