package dev.portico.command.provider;

import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.AppId;
import org.bson.BsonDocument;

/**
 * What a login request presented to a provider of an app: the body fields besides {@code options} (a custom
 * JWT's default audience is the app's id; an API key belongs to one app), and the client's address (a
 * provider that limits failed attempts per address needs it; it is personal data and must not be kept in clear).
 */
public record Credentials(App app, LoginProvider provider, BsonDocument fields, String clientAddress) {
    /** For verifiers that need nothing of the app but the provider's settings. */
    public Credentials(LoginProvider provider, BsonDocument fields) {
        this(null, provider, fields, null);
    }

    public AppId appId() {
        return app == null ? null : app.id();
    }
}
