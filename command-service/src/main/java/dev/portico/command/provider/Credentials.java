package dev.portico.command.provider;

import dev.portico.command.app.LoginProvider;
import dev.portico.events.AppId;
import org.bson.BsonDocument;

/**
 * What a login request presented to a provider: the body fields besides {@code options}, for the provider of
 * the app {@code appId} (a custom JWT's default audience is the app's id; an API key belongs to one app).
 */
public record Credentials(LoginProvider provider, BsonDocument fields, AppId appId) {
    public Credentials(LoginProvider provider, BsonDocument fields) {
        this(provider, fields, null);
    }
}
