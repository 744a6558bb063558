package dev.portico.command.command;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bson.BsonDocument;

/** Make {@code document} the user's whole custom data document (creating it when there is none). */
public record ReplaceCustomData(@TargetAggregateIdentifier UserId userId, AppId appId, BsonDocument document) {
}
