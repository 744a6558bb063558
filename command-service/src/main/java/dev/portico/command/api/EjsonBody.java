package dev.portico.command.api;

import org.bson.BsonDocument;

/**
 * A controller parameter: the request's JSON object body, read as canonical Extended JSON (SDKs send
 * {@code {"$numberInt":"7"}} and {@code {"$oid":…}}), within {@link RequestLimits}. No body is an empty object.
 */
public record EjsonBody(BsonDocument fields) {
}
