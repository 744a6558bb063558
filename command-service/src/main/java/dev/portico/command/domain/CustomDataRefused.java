package dev.portico.command.domain;

/** A custom data document (or the result of a patch) that breaks a limit of {@link CustomDataLimits}. */
public class CustomDataRefused extends RuntimeException {
    public enum Reason { TOO_LARGE, INVALID }

    private final Reason reason;

    public CustomDataRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
