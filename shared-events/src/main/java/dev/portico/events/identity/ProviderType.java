package dev.portico.events.identity;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of login provider, with the names the client protocol uses for them. */
public enum ProviderType {
    ANONYMOUS("anon-user"),
    EMAIL_PASSWORD("local-userpass"),
    API_KEY("api-key"),
    CUSTOM_JWT("custom-token"),
    CUSTOM_FUNCTION("custom-function"),
    GOOGLE("oauth2-google"),
    APPLE("oauth2-apple"),
    FACEBOOK("oauth2-facebook");

    private final String wireName;

    ProviderType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ProviderType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
