package dev.portico.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Checks of client-API answers the login tests share. */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** Exactly this status and envelope, {@code application/json} without parameters. */
    public static void assertError(Response response, int status, String code, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.json()).isEqualTo(JSON.createObjectNode().put("error", message).put("error_code", code));
    }

    /** A login body as realm-web sends it: the credential fields and {@code options.device}. */
    public static String loginBody(Map<String, ?> credentials) {
        ObjectNode body = JSON.valueToTree(credentials);
        body.putObject("options").putObject("device").put("sdkVersion", "2.0.1").put("platform", "node")
                .put("platformVersion", "20.20.2");
        return body.toString();
    }

    /** The profile of a user that logged in successfully. */
    public static JsonNode profileOf(ClientApi api, Response login) {
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Response profile = api.get("/api/client/v2.0/auth/profile", login.text("access_token"));
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        return profile.json();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
