package dev.portico.query.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A user's custom data document; both null when the user has none. */
public record CustomDataView(JsonNode document, Instant changedAt) {
}
