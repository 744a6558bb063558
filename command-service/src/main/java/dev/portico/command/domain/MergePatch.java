package dev.portico.command.domain;

import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** JSON merge patch (RFC 7396) over BSON documents, so the EJSON types of untouched fields survive. */
final class MergePatch {
    private MergePatch() {
    }

    /** A new document: {@code target} (left unchanged) with {@code patch} applied. */
    static BsonDocument apply(BsonDocument target, BsonDocument patch) {
        BsonDocument result = target.clone();
        for (Map.Entry<String, BsonValue> field : patch.entrySet()) {
            BsonValue value = field.getValue();
            if (value.isNull()) {
                result.remove(field.getKey());
            } else if (value.isDocument()) {
                BsonValue current = result.get(field.getKey());
                result.put(field.getKey(), apply(current != null && current.isDocument() ? current.asDocument()
                        : new BsonDocument(), value.asDocument()));
            } else {
                result.put(field.getKey(), value);
            }
        }
        return result;
    }
}
