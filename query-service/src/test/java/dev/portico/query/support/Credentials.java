package dev.portico.query.support;

/**
 * The bearer tokens tests present to the read API, by what the caller may do. Today one service token opens
 * everything; when credentials get scopes, each constant names the credential with its scope.
 */
public final class Credentials {
    /** Scope {@code users:read}: users and the listing. */
    public static final String USERS_READER = ServiceSettingsInitializer.USERS_READER_TOKEN;
    /** Scope {@code history:read}: users' histories, states at an instant, the hash chain check. */
    public static final String HISTORY_READER = ServiceSettingsInitializer.AUDITOR_TOKEN;
    /** Scope {@code admin}: rebuilding the read models. */
    public static final String ADMIN = ServiceSettingsInitializer.OPERATOR_TOKEN;

    private Credentials() {
    }
}
