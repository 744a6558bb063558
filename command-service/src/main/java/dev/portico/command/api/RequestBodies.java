package dev.portico.command.api;

import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.json.JsonParseException;

/**
 * SDKs send canonical Extended JSON ({@code {"$numberInt":"7"}}, {@code {"$oid":…}}), so bodies are read with
 * the BSON library's EJSON reader rather than bound by Jackson.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /** An absent or blank body is an empty document: SDKs send none where there is nothing to say. */
    static BsonDocument parse(String body) {
        if (body == null || body.isBlank()) {
            return new BsonDocument();
        }
        try {
            return BsonDocument.parse(body);
        } catch (JsonParseException | BsonInvalidOperationException | IllegalArgumentException e) {
            throw ClientApiException.badRequest("invalid request body: expected a JSON object");
        }
    }
}
