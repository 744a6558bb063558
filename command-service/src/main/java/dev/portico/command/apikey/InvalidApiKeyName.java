package dev.portico.command.apikey;

/** A key was asked for under a name that is not allowed; the message says why, to the client. */
public class InvalidApiKeyName extends RuntimeException {
    InvalidApiKeyName(String message) {
        super(message, null, false, false);
    }
}
