package dev.portico.command.command;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bson.BsonDocument;

/**
 * Change the user's custom data document by a JSON merge patch (RFC 7396): a field set to null is removed, an
 * object is merged field by field, anything else replaces the field. Without a document, the patch applies
 * to an empty one.
 */
public record PatchCustomData(@TargetAggregateIdentifier UserId userId, AppId appId, BsonDocument patch) {
}
