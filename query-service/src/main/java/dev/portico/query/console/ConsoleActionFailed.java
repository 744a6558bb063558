package dev.portico.query.console;

/**
 * An action the command-service refused or did not answer; its message is shown to the operator as it is.
 * {@code status}: the command-service's own for a refusal (4xx), 502 when it failed or did not answer.
 */
class ConsoleActionFailed extends RuntimeException {
    private final int status;

    ConsoleActionFailed(int status, String message) {
        super(message, null, false, false);
        this.status = status >= 400 && status < 500 ? status : 502;
    }

    int status() {
        return status;
    }
}
