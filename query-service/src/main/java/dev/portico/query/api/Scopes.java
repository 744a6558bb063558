package dev.portico.query.api;

import java.util.Set;

/** What a service credential may read; each is an authority of the credential's caller. */
public final class Scopes {
    public static final String USERS_READ = "users:read";
    public static final String PROFILES_READ = "profiles:read";
    public static final String CUSTOM_DATA_READ = "custom-data:read";
    public static final String SESSIONS_READ = "sessions:read";
    /** Auditors: a user's history, its state at an instant, the audit endpoints. */
    public static final String HISTORY_READ = "history:read";
    /** Operators: rebuilding read models and the other admin endpoints. */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(USERS_READ, PROFILES_READ, CUSTOM_DATA_READ, SESSIONS_READ,
            HISTORY_READ, ADMIN);
    /** What the single service token of earlier versions could read, and what it still may. */
    public static final Set<String> READ = Set.of(USERS_READ, PROFILES_READ, CUSTOM_DATA_READ, SESSIONS_READ);

    private Scopes() {
    }
}
