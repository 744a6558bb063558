package dev.portico.command.session;

/** A bearer token that must not be honoured; the message is safe to show to the client. */
public class InvalidToken extends RuntimeException {
    public InvalidToken(String message) {
        super(message, null, false, false);
    }
}
