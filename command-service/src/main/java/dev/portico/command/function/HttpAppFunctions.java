package dev.portico.command.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.FunctionEndpoint;
import dev.portico.command.outbound.AnswerJson;
import dev.portico.command.outbound.BoundedHttp;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a function by POSTing {@code {"app", "name", "arguments", "caller", "call_id"}} to the endpoint the app
 * maps to its name, signed with the app's secret, and reads {@code {"result": …}} or {@code {"error": "…"}}
 * back. The contract is in the module README; what is sent and answered is never logged, as auth and reset
 * functions receive passwords.
 */
@Component
public class HttpAppFunctions implements AppFunctions {
    public static final String TIMESTAMP_HEADER = "X-Portico-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Portico-Signature";
    /** A function's error message is shown to clients; a page of it is not a message. */
    static final int MAX_ERROR_LENGTH = 500;
    private static final Logger log = LoggerFactory.getLogger(HttpAppFunctions.class);

    private final BoundedHttp http;
    private final Clock clock;

    public HttpAppFunctions(FunctionProperties properties, Clock clock) {
        this.http = new BoundedHttp(properties.timeout(), properties.maxAnswerSize().toBytes());
        this.clock = clock;
    }

    @Override
    public JsonNode call(App app, String functionName, List<JsonNode> arguments) {
        return invoke(app, endpoint(app, functionName), arguments, null);
    }

    @Override
    public JsonNode callAsUser(App app, String functionName, List<JsonNode> arguments, FunctionCaller caller) {
        FunctionEndpoint endpoint = endpoint(app, functionName);
        if (endpoint.isPrivate()) {
            throw new FunctionNotFound(functionName);
        }
        return invoke(app, endpoint, arguments, caller);
    }

    private static FunctionEndpoint endpoint(App app, String functionName) {
        return app.functions().find(functionName).orElseThrow(() -> new FunctionNotFound(functionName));
    }

    private JsonNode invoke(App app, FunctionEndpoint endpoint, List<JsonNode> arguments, FunctionCaller caller) {
        byte[] body = requestBody(app, endpoint.name(), arguments, caller);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "portico-functions/1")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "v1=" + signature(app.functions().signingSecret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        BoundedHttp.Answer answer;
        try {
            answer = http.send(request);
        } catch (BoundedHttp.Failure e) {
            throw endpointFailed(app, endpoint, switch (e.kind()) {
                case TIMED_OUT -> "its endpoint did not answer within " + http.timeout().toMillis() + " ms";
                case TOO_LARGE -> "its endpoint's answer exceeds " + http.maxAnswerBytes() + " bytes";
                case UNREACHABLE -> "its endpoint could not be reached";
            });
        }
        return result(app, endpoint, answer);
    }

    private static byte[] requestBody(App app, String name, List<JsonNode> arguments, FunctionCaller caller) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode request = nodes.objectNode();
        request.put("app", app.id().value());
        request.put("name", name);
        ArrayNode args = request.putArray("arguments");
        arguments.forEach(argument -> args.add(argument == null ? NullNode.getInstance() : argument));
        request.set("caller", caller == null ? NullNode.getInstance() : AnswerJson.mapper().valueToTree(caller));
        // Lets an endpoint refuse a replayed call within the signature's time window.
        request.put("call_id", UUID.randomUUID().toString());
        try {
            return AnswerJson.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a function call", e);
        }
    }

    /** What the endpoint answered: the function's result, or the error it reported, or why it is nonsense. */
    private static JsonNode result(App app, FunctionEndpoint endpoint, BoundedHttp.Answer answer) {
        if (!answer.isJson()) {
            throw endpointFailed(app, endpoint, answer.isSuccess()
                    ? "its endpoint answered " + (answer.contentType().isEmpty() ? "no content type" : describe(answer.contentType()))
                            + " instead of application/json"
                    : "its endpoint answered HTTP " + answer.status());
        }
        Optional<JsonNode> parsed = AnswerJson.parse(answer.body());
        if (parsed.isEmpty()) {
            throw endpointFailed(app, endpoint, "its endpoint's answer is not valid JSON (or nested deeper than "
                    + AnswerJson.MAX_DEPTH + ")");
        }
        JsonNode json = parsed.get();
        if (json.isObject() && json.get("error") != null && json.get("error").isTextual()) {
            throw new FunctionFailed("function '" + endpoint.name() + "' failed: " + clean(json.get("error").asText()),
                    true);
        }
        if (!answer.isSuccess()) {
            throw endpointFailed(app, endpoint, "its endpoint answered HTTP " + answer.status());
        }
        if (!json.isObject() || !json.has("result")) {
            throw endpointFailed(app, endpoint, "its endpoint's answer has neither \"result\" nor \"error\"");
        }
        return json.get("result");
    }

    private static FunctionFailed endpointFailed(App app, FunctionEndpoint endpoint, String reason) {
        // The operator needs to know; the arguments and answer stay out of the log (they may hold passwords).
        log.warn("function '{}' of app {} failed: {}", endpoint.name(), app.id().value(), reason);
        return new FunctionFailed("function '" + endpoint.name() + "' failed: " + reason, false);
    }

    /** A content type as sent may be anything; only its printable start is repeated. */
    private static String describe(String contentType) {
        return "'" + clean(contentType.length() > 60 ? contentType.substring(0, 60) : contentType) + "'";
    }

    private static String clean(String text) {
        String printable = text.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return printable.length() > MAX_ERROR_LENGTH ? printable.substring(0, MAX_ERROR_LENGTH) + "…" : printable;
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"} under the app's signing secret (UTF-8). */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
