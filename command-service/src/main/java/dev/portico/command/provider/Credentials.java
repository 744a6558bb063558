package dev.portico.command.provider;

import dev.portico.command.app.LoginProvider;
import org.bson.BsonDocument;

/** What a login request presented to a provider: the body fields besides {@code options}. */
public record Credentials(LoginProvider provider, BsonDocument fields) {
}
