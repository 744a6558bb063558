package dev.portico.command.app;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with an app's configuration, collected while it loads. An error stops the start with a
 * message naming the file, the field and the fix; a warning is reported and the app still loads.
 */
public final class ConfigurationProblems {
    /** One problem: where ({@code file}, {@code field}), what, and how to fix it. */
    public record Problem(String file, String field, String message, String fix) {
        @Override
        public String toString() {
            return file + ": " + field + ": " + message + (fix == null ? "" : " (fix: " + fix + ")");
        }
    }

    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private String file = "(service configuration)";

    /** Problems reported from now on are about this file. */
    public void inFile(String file) {
        this.file = file;
    }

    public void error(String field, String message, String fix) {
        errors.add(new Problem(file, field, message, fix));
    }

    public void warning(String field, String message) {
        warnings.add(new Problem(file, field, message, null));
    }

    public List<Problem> errors() {
        return List.copyOf(errors);
    }

    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }
}
