package dev.portico.command.function;

/** A function's endpoint failed, timed out or answered nonsense; the message is safe to show to the client. */
public class FunctionFailed extends RuntimeException {
    public FunctionFailed(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
