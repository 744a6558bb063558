package dev.portico.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user was at one instant, in the terms both the read API and the history's point-in-time answer share:
 * so that what the read API showed then and what {@code /users/{id}/state?at=} rebuilds can be compared whole.
 *
 * @param sessions each session's id and {@code active}, {@code expired}, or {@code revoked <reason>}
 * @param profile the providers' metadata merged, the first identity linked that names a field winning
 */
record UserAt(String state, String appId, String type, Instant createdAt, List<Identity> identities,
        Map<String, String> sessions, JsonNode customData, JsonNode profile) {

    record Identity(String id, String providerType, String providerId, Instant linkedAt) {
    }

    /** From the read API's user, identities, sessions, profile and custom-data documents, read at {@code at}. */
    static UserAt fromReadApi(JsonNode user, JsonNode identities, JsonNode sessions, JsonNode profile,
            JsonNode customData, Instant at) {
        List<Identity> linked = new ArrayList<>();
        identities.path("identities").forEach(i -> linked.add(identity(i)));
        Map<String, String> sessionStates = new TreeMap<>();
        sessions.path("sessions").forEach(s -> sessionStates.put(s.path("id").asText(),
                !s.path("revoked_at").isNull() ? "revoked " + s.path("revocation_reason").asText().toLowerCase(Locale.ROOT)
                        : Instant.parse(s.path("expires_at").asText()).isAfter(at) ? "active" : "expired"));
        return new UserAt(user.path("state").asText(), user.path("app_id").asText(), user.path("type").asText(),
                Instant.parse(user.path("created_at").asText()), linked, sessionStates, customData.path("document"),
                profile.path("data"));
    }

    /** From the point-in-time document. */
    static UserAt fromState(JsonNode state) {
        List<Identity> linked = new ArrayList<>();
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (JsonNode i : state.path("identities")) {
            linked.add(identity(i));
            i.path("profile").fields().forEachRemaining(field -> {
                if (!merged.has(field.getKey())) {
                    merged.set(field.getKey(), field.getValue());
                }
            });
        }
        Map<String, String> sessionStates = new TreeMap<>();
        state.path("sessions").forEach(s -> sessionStates.put(s.path("id").asText(),
                s.path("state").asText() + (s.path("revoked_reason").isNull() ? "" : " " + s.path("revoked_reason").asText())));
        return new UserAt(state.path("state").asText(), state.path("app_id").asText(), state.path("type").asText(),
                Instant.parse(state.path("created_at").asText()), linked, sessionStates, state.path("custom_data"),
                merged);
    }

    private static Identity identity(JsonNode identity) {
        return new Identity(identity.path("id").asText(), identity.path("provider_type").asText(),
                identity.path("provider_id").asText(), Instant.parse(identity.path("linked_at").asText()));
    }
}
