package dev.portico.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.query.api.ConsistencyTokens;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The command-service's operator API ({@code /api/admin/v1}), called with the signed-in operator's own token:
 * the command-service authenticates the operator itself and records its name with every change. Its refusals
 * come back as {@link ConsoleActionFailed} with the command-service's own message.
 */
@Component
class CommandService {
    private static final String ADMIN = "/api/admin/v1";

    private final RestClient http;
    private final ObjectMapper json;

    CommandService(RestClient.Builder builder, ConsoleProperties properties, ObjectMapper json) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(3));
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.http = builder.baseUrl(properties.commandServiceUrl().toString()).requestFactory(requests).build();
        this.json = json;
    }

    /** {@code query}'s blank values are left out; values are sent as template variables, so always encoded. */
    JsonNode get(ConsoleOperator operator, String path, Map<String, String> query, Object... pathVariables) {
        JsonNode answer = call(() -> http.get().uri(uri -> {
                    uri.path(ADMIN + path);
                    Map<String, Object> variables = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < pathVariables.length; i++) {
                        variables.put("p" + i, pathVariables[i]);
                    }
                    query.forEach((name, value) -> {
                        if (value != null && !value.isBlank()) {
                            uri.queryParam(name, "{q_" + name + "}");
                            variables.put("q_" + name, value);
                        }
                    });
                    return uri.build(variables);
                }).header(HttpHeaders.AUTHORIZATION, bearer(operator))
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class));
        return answer == null ? json.createObjectNode() : answer;
    }

    /**
     * What a change answered: its body (empty for 204), and the consistency token of the events it appended
     * (null if none), for the next page to wait for.
     */
    record Answer(JsonNode body, String consistency) {
    }

    Answer post(ConsoleOperator operator, String path, Object body, Object... pathVariables) {
        return change(() -> http.post().uri(ADMIN + path, pathVariables).header(HttpHeaders.AUTHORIZATION, bearer(operator))
                .contentType(MediaType.APPLICATION_JSON).body(body == null ? Map.of() : body)
                .retrieve().toEntity(JsonNode.class));
    }

    Answer put(ConsoleOperator operator, String path, Object... pathVariables) {
        return change(() -> http.put().uri(ADMIN + path, pathVariables).header(HttpHeaders.AUTHORIZATION, bearer(operator))
                .retrieve().toEntity(JsonNode.class));
    }

    Answer delete(ConsoleOperator operator, String path, Object... pathVariables) {
        return change(() -> http.delete().uri(ADMIN + path, pathVariables)
                .header(HttpHeaders.AUTHORIZATION, bearer(operator)).retrieve().toEntity(JsonNode.class));
    }

    private Answer change(java.util.function.Supplier<ResponseEntity<JsonNode>> request) {
        ResponseEntity<JsonNode> answer = call(request);
        return new Answer(answer.getBody() == null ? json.createObjectNode() : answer.getBody(),
                answer.getHeaders().getFirst(ConsistencyTokens.HEADER));
    }

    private static String bearer(ConsoleOperator operator) {
        return "Bearer " + operator.token();
    }

    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            throw new ConsoleActionFailed(e.getStatusCode().value(), messageOf(e));
        } catch (ResourceAccessException e) {
            throw new ConsoleActionFailed(502, "the command-service did not answer; try again");
        }
    }

    private String messageOf(RestClientResponseException e) {
        try {
            JsonNode body = json.readTree(e.getResponseBodyAsString());
            if (body != null && body.hasNonNull("error")) {
                return "the command-service refused: " + body.get("error").asText()
                        + (body.hasNonNull("error_code") ? " (" + body.get("error_code").asText() + ")" : "");
            }
        } catch (java.io.IOException ignored) {
            // Not the envelope: the status says enough.
        }
        return "the command-service answered " + e.getStatusCode().value();
    }
}
