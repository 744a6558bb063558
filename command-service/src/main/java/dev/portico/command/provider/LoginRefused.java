package dev.portico.command.provider;

/** Credentials that prove nothing; the message is shown to the client. */
public class LoginRefused extends RuntimeException {
    private final String errorCode;

    public LoginRefused(String errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
