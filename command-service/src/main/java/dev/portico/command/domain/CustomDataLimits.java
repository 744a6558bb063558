package dev.portico.command.domain;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How large a custom data document may be ({@code portico.custom-data.*}). It travels in every access token,
 * in the {@code Authorization} header of every request, so App Services' advice of 16 KB is the default. The
 * size is that of the document as relaxed JSON (about what the token carries); depth counts the document
 * itself; fields count every value at every level, array elements included.
 */
@ConfigurationProperties("portico.custom-data")
public record CustomDataLimits(DataSize maxBytes, int maxDepth, int maxFields) {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    public CustomDataLimits {
        maxBytes = maxBytes == null ? DataSize.ofKilobytes(16) : maxBytes;
        maxDepth = maxDepth <= 0 ? 10 : maxDepth;
        maxFields = maxFields <= 0 ? 512 : maxFields;
        if (maxBytes.toBytes() < 256 || maxBytes.toKilobytes() > 64) {
            throw new IllegalArgumentException("portico.custom-data.max-bytes must be between 256B and 64KB: the "
                    + "document travels in every access token");
        }
    }

    /** @throws CustomDataRefused when the document breaks a limit, or a field name is not one MongoDB allowed */
    void check(BsonDocument document) {
        int[] fields = {0};
        checkLevel(document, 1, fields);
        int bytes = document.toJson(RELAXED).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes.toBytes()) {
            throw new CustomDataRefused(CustomDataRefused.Reason.TOO_LARGE, "custom data is " + bytes
                    + " bytes as JSON, more than the " + maxBytes.toBytes() + " allowed");
        }
    }

    private void checkLevel(BsonValue value, int depth, int[] fields) {
        if (depth > maxDepth) {
            throw new CustomDataRefused(CustomDataRefused.Reason.TOO_LARGE, "custom data is nested deeper than "
                    + maxDepth + " levels");
        }
        if (value instanceof BsonDocument document) {
            for (Map.Entry<String, BsonValue> field : document.entrySet()) {
                if (field.getKey().isEmpty() || field.getKey().startsWith("$") || field.getKey().indexOf('\0') >= 0) {
                    throw new CustomDataRefused(CustomDataRefused.Reason.INVALID, "custom data field names must not"
                            + " be empty or start with '$'");
                }
                count(fields);
                checkLevel(field.getValue(), depth + 1, fields);
            }
        } else if (value instanceof BsonArray array) {
            for (BsonValue element : array) {
                count(fields);
                checkLevel(element, depth + 1, fields);
            }
        }
    }

    private void count(int[] fields) {
        if (++fields[0] > maxFields) {
            throw new CustomDataRefused(CustomDataRefused.Reason.TOO_LARGE, "custom data has more than " + maxFields
                    + " fields");
        }
    }
}
