package dev.portico.command.api;

import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.json.JsonParseException;

/**
 * SDKs send canonical Extended JSON ({@code {"$numberInt":"7"}}, {@code {"$oid":…}}), so bodies are read with
 * the BSON library's EJSON reader rather than bound by Jackson.
 */
final class RequestBodies {
    /**
     * The BSON reader recurses per level, so a body of nothing but brackets could exhaust the stack. Canonical
     * EJSON adds a level to each number; real bodies stay far below this.
     */
    static final int MAX_DEPTH = 32;

    private RequestBodies() {
    }

    /** An absent or blank body is an empty document: SDKs send none where there is nothing to say. */
    static BsonDocument parse(String body) {
        if (body == null || body.isBlank()) {
            return new BsonDocument();
        }
        if (depth(body) > MAX_DEPTH) {
            throw ClientApiException.badRequest("invalid request body: nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return BsonDocument.parse(body);
        } catch (JsonParseException | BsonInvalidOperationException | IllegalArgumentException e) {
            throw ClientApiException.badRequest("invalid request body: expected a JSON object");
        }
    }

    /** The deepest nesting of objects and arrays, outside strings; malformed JSON is the parser's to refuse. */
    static int depth(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }
}
