package dev.portico.command.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.app.App;
import dev.portico.command.app.FunctionEndpoint;
import dev.portico.command.app.FunctionEndpoints;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.testsupport.standin.FunctionStandIn;
import dev.portico.testsupport.standin.StandInServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The function mechanism against real HTTP endpoints that check signatures as an app's endpoint would: what
 * is sent, what each kind of answer becomes, and how failing, slow, huge or nonsensical answers are bounded.
 */
class HttpAppFunctionsTest {
    private static final String SECRET = "function-test-signing-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FunctionStandIn ENDPOINTS = new FunctionStandIn(SECRET);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final DataSize MAX_ANSWER = DataSize.ofKilobytes(4);

    private final HttpAppFunctions functions = new HttpAppFunctions(new FunctionProperties(TIMEOUT, MAX_ANSWER),
            Clock.systemUTC());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseStalledEndpoints() {
        release.countDown();
    }

    @AfterAll
    static void stop() {
        ENDPOINTS.close();
    }

    @Test
    void aCallIsSignedAndCarriesTheAppTheNameAndTheArgumentsAndItsResultComesBack() throws Exception {
        ENDPOINTS.define("sum", call -> FunctionStandIn.result(Map.of("sum",
                call.arguments().get(0).asInt() + call.arguments().get(1).asInt())));

        JsonNode result = functions.call(app("sum"), "sum", List.of(JSON.valueToTree(2), JSON.valueToTree(40)));

        assertThat(result).isEqualTo(JSON.readTree("{\"sum\":42}"));
        FunctionStandIn.Call call = last("sum");
        JsonNode request = call.request().json();
        assertThat(fieldNames(request)).containsExactly("app", "name", "arguments", "caller", "call_id");
        assertThat(request.get("app").asText()).isEqualTo("fn-app");
        assertThat(request.get("name").asText()).isEqualTo("sum");
        assertThat(request.get("arguments")).isEqualTo(JSON.readTree("[2,40]"));
        assertThat(request.get("caller").isNull()).isTrue();
        assertThat(request.get("call_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(call.request().header("Content-Type")).isEqualTo("application/json");
        assertThat(call.request().header("Accept")).isEqualTo("application/json");
        // The endpoint checked it already; here the signature is recomputed from the documented recipe.
        String timestamp = call.request().header("X-Portico-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(call.request().header("X-Portico-Signature")).isEqualTo("v1=" + hmac(timestamp + "." + call.request().text()));
    }

    @Test
    void everyCallHasItsOwnCallId() {
        ENDPOINTS.define("noop", call -> FunctionStandIn.result(null));

        functions.call(app("noop"), "noop", List.of());
        functions.call(app("noop"), "noop", List.of());

        List<FunctionStandIn.Call> calls = ENDPOINTS.calls("noop");
        assertThat(calls.get(calls.size() - 1).callId()).isNotEqualTo(calls.get(calls.size() - 2).callId());
    }

    @Test
    void aNullResultIsAResult() {
        ENDPOINTS.define("nothing", call -> FunctionStandIn.result(null));

        assertThat(functions.call(app("nothing"), "nothing", List.of()).isNull()).isTrue();
    }

    @Test
    void anErrorTheFunctionReportsIsItsFailure() {
        ENDPOINTS.define("refuse", call -> FunctionStandIn.error("wrong password"));

        assertThatThrownBy(() -> functions.call(app("refuse"), "refuse", List.of()))
                .isInstanceOfSatisfying(FunctionFailed.class, e -> {
                    assertThat(e).hasMessage("function 'refuse' failed: wrong password");
                    assertThat(e.reportedByFunction()).isTrue();
                });
    }

    @Test
    void aReportedErrorIsShownPrintableAndShort() {
        ENDPOINTS.define("verbose", call -> FunctionStandIn.error("line one\nline two\t" + "x".repeat(2000)));

        assertThatThrownBy(() -> functions.call(app("verbose"), "verbose", List.of()))
                .hasMessage("function 'verbose' failed: " + ("line one line two " + "x".repeat(2000))
                        .substring(0, HttpAppFunctions.MAX_ERROR_LENGTH) + "…");
    }

    @Test
    void aCallSignedWithAnotherSecretIsRefusedByTheEndpoint() {
        ENDPOINTS.define("guarded", call -> FunctionStandIn.result("secret"));
        int refusedBefore = ENDPOINTS.refused();
        App impostor = new App(new AppId("fn-app"), "65aa00000000000000000042", Map.of(), new FunctionEndpoints(
                Map.of("guarded", new FunctionEndpoint("guarded", ENDPOINTS.url("guarded"), false)),
                "another-secret-of-enough-length-0123456789"));

        assertThatThrownBy(() -> functions.call(impostor, "guarded", List.of()))
                .isInstanceOf(FunctionFailed.class).hasMessage("function 'guarded' failed: invalid signature");
        assertThat(ENDPOINTS.refused()).isEqualTo(refusedBefore + 1);
    }

    @Test
    void anUnmappedFunctionIsNotFound() {
        assertThatThrownBy(() -> functions.call(app("sum"), "nope", List.of()))
                .isInstanceOf(FunctionNotFound.class).hasMessage("function not found: 'nope'");
    }

    @Test
    void anEndpointThatFailsWithoutAnErrorReportsItsStatus() {
        ENDPOINTS.define("broken", call -> StandInServer.Reply.text(502, "text/html", "<h1>Bad gateway</h1>"));

        assertEndpointFailed("broken", "its endpoint answered HTTP 502");
    }

    @Test
    void aRedirectIsNotFollowed() {
        ENDPOINTS.define("moved", call -> StandInServer.Reply.text(302, null, ""));

        assertEndpointFailed("moved", "its endpoint answered HTTP 302");
    }

    @Test
    void anAnswerThatIsNotJsonIsNonsense() {
        ENDPOINTS.define("html", call -> StandInServer.Reply.text(200, "text/html; charset=utf-8", "<p>hello</p>"));
        ENDPOINTS.define("mislabelled", call -> StandInServer.Reply.text(200, "application/json", "{\"result\": 1"));
        ENDPOINTS.define("trailing", call -> StandInServer.Reply.text(200, "application/json", "{\"result\": 1} {}"));
        ENDPOINTS.define("unlabelled", call -> StandInServer.Reply.text(200, null, "{\"result\": 1}"));

        assertEndpointFailed("html", "its endpoint answered 'text/html; charset=utf-8' instead of application/json");
        assertEndpointFailed("mislabelled", "its endpoint's answer is not valid JSON (or nested deeper than 64)");
        assertEndpointFailed("trailing", "its endpoint's answer is not valid JSON (or nested deeper than 64)");
        assertEndpointFailed("unlabelled", "its endpoint answered no content type instead of application/json");
    }

    @Test
    void anAnswerWithNeitherResultNorErrorIsNonsense() {
        ENDPOINTS.define("bare", call -> StandInServer.Reply.json(200, Map.of("id", "u1")));
        ENDPOINTS.define("scalar", call -> StandInServer.Reply.text(200, "application/json", "\"u1\""));

        assertEndpointFailed("bare", "its endpoint's answer has neither \"result\" nor \"error\"");
        assertEndpointFailed("scalar", "its endpoint's answer has neither \"result\" nor \"error\"");
    }

    @Test
    void anAnswerNestedTooDeeplyIsRefused() {
        String deep = "[".repeat(100) + "]".repeat(100);
        ENDPOINTS.define("deep", call -> StandInServer.Reply.text(200, "application/json", "{\"result\":" + deep + "}"));

        assertEndpointFailed("deep", "its endpoint's answer is not valid JSON (or nested deeper than 64)");
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        String big = "{\"result\":\"" + "x".repeat(5000) + "\"}";
        ENDPOINTS.define("big", call -> StandInServer.Reply.text(200, "application/json", big));
        ENDPOINTS.define("bigStream", call -> StandInServer.Reply.text(200, "application/json", big).streamed());
        ENDPOINTS.define("smallStream", call -> StandInServer.Reply.text(200, "application/json", "{\"result\":7}").streamed());

        assertEndpointFailed("big", "its endpoint's answer exceeds 4096 bytes");
        assertEndpointFailed("bigStream", "its endpoint's answer exceeds 4096 bytes");
        assertThat(functions.call(app("smallStream"), "smallStream", List.of()).asInt()).isEqualTo(7);
    }

    @Test
    void aSlowEndpointTimesOutWithinTheBound() {
        ENDPOINTS.define("slow", call -> {
            release.await();
            return FunctionStandIn.result("too late");
        });

        long started = System.nanoTime();
        assertEndpointFailed("slow", "its endpoint did not answer within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnreachableEndpointFails() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/functions/gone");
        }
        App app = new App(new AppId("fn-app"), "65aa00000000000000000042", Map.of(), new FunctionEndpoints(
                Map.of("gone", new FunctionEndpoint("gone", closed, false)), SECRET));

        assertThatThrownBy(() -> functions.call(app, "gone", List.of()))
                .isInstanceOfSatisfying(FunctionFailed.class, e -> {
                    assertThat(e).hasMessage("function 'gone' failed: its endpoint could not be reached");
                    assertThat(e.reportedByFunction()).isFalse();
                });
    }

    @Test
    void aUserCallNamesTheCallerAndCannotReachPrivateFunctions() {
        ENDPOINTS.define("whoami", call -> FunctionStandIn.result(call.caller()));
        UserId id = UserId.generate();
        FunctionCaller user = new FunctionCaller(id, List.of(new FunctionCaller.Identity("abc", "anon-user", "anon-id")),
                JSON.createObjectNode().put("plan", "gold"));
        Map<String, FunctionEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("whoami", new FunctionEndpoint("whoami", ENDPOINTS.url("whoami"), false));
        endpoints.put("internal", new FunctionEndpoint("internal", ENDPOINTS.url("whoami"), true));
        App app = new App(new AppId("fn-app"), "65aa00000000000000000042", Map.of(), new FunctionEndpoints(endpoints, SECRET));

        assertThat(functions.callAsUser(app, "whoami", List.of(), user))
                .isEqualTo(JSON.createObjectNode().put("user_id", id.value()).<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "identities", JSON.createArrayNode().add(JSON.createObjectNode().put("id", "abc")
                                .put("provider_type", "anon-user").put("provider_id", "anon-id")))
                        .set("custom_data", JSON.createObjectNode().put("plan", "gold")));
        int calls = ENDPOINTS.calls("whoami").size();
        assertThatThrownBy(() -> functions.callAsUser(app, "internal", List.of(), user))
                .isInstanceOf(FunctionNotFound.class).hasMessage("function not found: 'internal'");
        assertThat(ENDPOINTS.calls("whoami")).hasSize(calls);
        assertThat(functions.call(app, "internal", List.of()).isNull()).isTrue();
    }

    private void assertEndpointFailed(String name, String reason) {
        assertThatThrownBy(() -> functions.call(app(name), name, List.of()))
                .isInstanceOfSatisfying(FunctionFailed.class, e -> {
                    assertThat(e).hasMessage("function '" + name + "' failed: " + reason);
                    assertThat(e.reportedByFunction()).isFalse();
                });
    }

    private static App app(String... names) {
        Map<String, FunctionEndpoint> endpoints = new LinkedHashMap<>();
        for (String name : names) {
            endpoints.put(name, new FunctionEndpoint(name, ENDPOINTS.url(name), true));
        }
        return new App(new AppId("fn-app"), "65aa00000000000000000042", Map.of(), new FunctionEndpoints(endpoints, SECRET));
    }

    private static FunctionStandIn.Call last(String name) {
        List<FunctionStandIn.Call> calls = ENDPOINTS.calls(name);
        return calls.get(calls.size() - 1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
