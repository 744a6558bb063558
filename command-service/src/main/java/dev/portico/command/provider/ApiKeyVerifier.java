package dev.portico.command.provider;

import dev.portico.command.apikey.ApiKeyLogin;
import dev.portico.command.apikey.ApiKeySecrets;
import dev.portico.command.apikey.ApiKeyStore;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import org.bson.BsonValue;
import org.springframework.stereotype.Component;

/**
 * A login with an API key ({@code {"key": …}}) is its owner logging in, user and server keys alike. The key is
 * found by the hash of its secret in {@code api_keys}, which every instance shares; whether it still logs in
 * is decided again by its user as the session opens. Unknown, disabled, deleted, malformed or another app's:
 * the client hears only "invalid API key".
 */
@Component
class ApiKeyVerifier implements IdentityVerifier {
    static final String INVALID = "invalid API key";

    private final ApiKeyStore keys;

    ApiKeyVerifier(ApiKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public ProviderType type() {
        return ProviderType.API_KEY;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        BsonValue key = credentials.fields().get("key");
        if (key == null || !key.isString() || key.asString().getValue().isEmpty()
                || key.asString().getValue().length() > ApiKeySecrets.MAX_PRESENTED_LENGTH) {
            throw refused();
        }
        ApiKeyLogin found = keys.findBySecret(key.asString().getValue())
                .filter(k -> !k.disabled() && k.appId().equals(credentials.appId()))
                .orElseThrow(ApiKeyVerifier::refused);
        return new VerifiedIdentity(ProviderType.API_KEY, credentials.provider().id(), found.id().value(), null,
                UserType.NORMAL, false, found.owner());
    }

    private static LoginRefused refused() {
        return new LoginRefused("AuthError", INVALID);
    }
}
