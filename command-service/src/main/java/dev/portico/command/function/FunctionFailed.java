package dev.portico.command.function;

/**
 * A function reported an error, or its endpoint failed, timed out or answered nonsense. The message is safe to
 * show to the client: it names the function and the reason, never the endpoint's address.
 */
public class FunctionFailed extends RuntimeException {
    private final boolean reportedByFunction;

    public FunctionFailed(String message, Throwable cause) {
        super(message, cause, false, false);
        this.reportedByFunction = false;
    }

    /** @param reportedByFunction the function itself answered with an error (App Services: it threw) */
    public FunctionFailed(String message, boolean reportedByFunction) {
        super(message, null, false, false);
        this.reportedByFunction = reportedByFunction;
    }

    /** True when the function answered with an error of its own, false when its endpoint failed. */
    public boolean reportedByFunction() {
        return reportedByFunction;
    }
}
