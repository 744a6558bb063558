package dev.portico.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The internal service of the tests ({@code portico.services[0]}, see {@link CommandServiceTest}) and custom data. */
public final class ServiceApi {
    /** The token of "profile-service", configured by its SHA-256 only. */
    public static final String SERVICE_TOKEN = "profile-service-token-for-tests-0123456789";

    private ServiceApi() {
    }

    public static String customDataPath(String app, String userId) {
        return "/api/service/v1/apps/" + app + "/users/" + userId + "/custom-data";
    }

    /** A request with {@code token} as bearer (none when null) and a JSON body (none when null). */
    public static Response send(ClientApi api, String method, String path, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return api.send(method, path, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code user_data} claim of an access token; null when it has none. */
    public static JsonNode userData(String accessToken) {
        return Answers.json(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                StandardCharsets.UTF_8)).get("user_data");
    }
}
