package dev.portico.command.provider;

/** The login body lacks the provider's credential field, or it has the wrong shape or size; shown to the client. */
public class MalformedCredentials extends RuntimeException {
    public MalformedCredentials(String message) {
        super(message, null, false, false);
    }
}
