package dev.portico.command.api;

import static dev.portico.command.support.ServiceApi.SERVICE_TOKEN;
import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.Answers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.ServiceApi;
import dev.portico.command.support.StandIns;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST …/functions/call}: a logged-in user runs the app's public functions; the endpoint learns who
 * calls, and what it answers goes back to the user.
 */
@CommandServiceTest
class FunctionCallTest {
    static final String CALL = "/api/client/v2.0/app/test-app/functions/call";

    @LocalServerPort
    int port;
    ClientApi api;
    Response user;

    @BeforeEach
    void logIn() {
        api = new ClientApi(port);
        user = api.anonymousLogin("test-app");
    }

    Response call(String body) {
        return api.post(CALL, user.text("access_token"), body);
    }

    @Test
    void theEndpointComputesWithTheDecodedArgumentsAndTheAnswerGoesBack() {
        Response answer = call("{\"name\":\"sum\",\"arguments\":[{\"$numberInt\":\"1\"},{\"$numberDouble\":\"2.5\"},"
                + "{\"$numberLong\":\"10\"}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).contains("application/json");
        assertThat(answer.json().asDouble()).isEqualTo(13.5);
    }

    @Test
    void theEndpointLearnsTheVerifiedCallerWithIdentitiesAndCustomData() {
        String userId = user.text("user_id");
        ServiceApi.send(api, "PUT", ServiceApi.customDataPath("test-app", userId), SERVICE_TOKEN, "{\"plan\":\"gold\"}");

        Response answer = call("{\"name\":\"whoami\",\"arguments\":[\"s\",{\"b\":null,"
                + "\"c\":{\"$date\":{\"$numberLong\":\"0\"}}},[{\"$numberInt\":\"1\"}]]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode caller = answer.json().get("caller");
        assertThat(caller.get("user_id").asText()).isEqualTo(userId);
        assertThat(caller.get("identities")).hasSize(1);
        assertThat(caller.get("identities").get(0).get("provider_type").asText()).isEqualTo("anon-user");
        assertThat(caller.get("custom_data")).isEqualTo(json("{\"plan\":\"gold\"}"));
        assertThat(answer.json().get("arguments")).isEqualTo(json(
                "[\"s\",{\"b\":null,\"c\":{\"$date\":\"1970-01-01T00:00:00Z\"}},[1]]"));
    }

    @Test
    void anUnknownFunctionIsNotFound() {
        assertError(call("{\"name\":\"nope\",\"arguments\":[]}"), 404, "FunctionNotFound", "function not found: 'nope'");
    }

    @Test
    void aPrivateFunctionCannotBeCalledByUsers() {
        int calls = StandIns.FUNCTIONS.calls(StandIns.AUTH_FUNCTION).size();

        assertError(call("{\"name\":\"" + StandIns.AUTH_FUNCTION + "\",\"arguments\":[{\"subject\":\"x\"}]}"), 404,
                "FunctionNotFound", "function not found: '" + StandIns.AUTH_FUNCTION + "'");
        assertThat(StandIns.FUNCTIONS.calls(StandIns.AUTH_FUNCTION)).hasSize(calls);
    }

    @Test
    void anErrorOfTheFunctionIsAnExecutionError() {
        assertError(call("{\"name\":\"sum\",\"arguments\":[\"one\"]}"), 400, "FunctionExecutionError",
                "function 'sum' failed: sum takes numbers, not \"one\"");
    }

    @Test
    void anAppWithoutTheFunctionOrAServiceCallIsRefused() {
        assertError(call("{\"name\":\"find\",\"arguments\":[],\"service\":\"mongo-db\"}"), 404, "ServiceNotFound",
                "service not found: 'mongo-db'");
        Response other = api.anonymousLogin("other-app");
        assertError(api.post("/api/client/v2.0/app/other-app/functions/call", other.text("access_token"),
                "{\"name\":\"sum\",\"arguments\":[]}"), 404, "FunctionNotFound", "function not found: 'sum'");
        assertError(api.post("/api/client/v2.0/app/other-app/functions/call", user.text("access_token"),
                "{\"name\":\"sum\",\"arguments\":[]}"), 403, "BadRequest", "the access token is not one of app 'other-app'");
    }

    @Test
    void malformedCallsAreTheClientsMistake() {
        assertError(call("{\"arguments\":[]}"), 400, "BadRequest",
                "a function call needs a \"name\": a string of 1 to 256 characters");
        assertError(call("{\"name\":\"sum\",\"arguments\":{\"a\":1}}"), 400, "BadRequest", "\"arguments\" must be an array");
        assertError(call("{\"name\":\"sum\",\"arguments\":[" + "1,".repeat(40) + "1]}"), 413, "BadRequest",
                "a function takes at most 32 arguments");
        assertError(call("{\"name\":\"" + "n".repeat(300) + "\"}"), 400, "BadRequest",
                "a function call needs a \"name\": a string of 1 to 256 characters");
    }

    @Test
    void onlyALoggedInUserCalls() {
        assertError(api.post(CALL, null, "{\"name\":\"sum\",\"arguments\":[]}"), 401, "MissingAuthReq",
                "must authenticate first");
        assertThat(api.post(CALL, user.text("refresh_token"), "{\"name\":\"sum\",\"arguments\":[]}").status())
                .isEqualTo(401);
    }
}
