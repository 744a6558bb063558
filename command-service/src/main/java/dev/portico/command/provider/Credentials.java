package dev.portico.command.provider;

import dev.portico.command.app.LoginProvider;
import dev.portico.events.AppId;
import org.bson.BsonDocument;

/**
 * What a login request presented to a provider: the body fields besides {@code options}, the app it logs in
 * to and the client's address (a provider that limits failed attempts per address needs it; it is personal
 * data and must not be kept in clear).
 */
public record Credentials(LoginProvider provider, BsonDocument fields, AppId appId, String clientAddress) {
    /** For providers that need neither the app nor the client's address. */
    public Credentials(LoginProvider provider, BsonDocument fields) {
        this(provider, fields, null, null);
    }
}
