package dev.portico.testsupport.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Function endpoints as an app team writes them against Portico's contract: each function at
 * {@code /functions/<name>} takes {@code {"app", "name", "arguments", "caller", "call_id"}} and answers
 * {@code {"result": …}} or {@code {"error": "…"}}. Like a real endpoint it checks every call's signature
 * ({@code X-Portico-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">}) and timestamp (five minutes
 * either way) first, and refuses a call that fails either with 401 {@code {"error": "invalid signature"}}.
 */
public final class FunctionStandIn implements AutoCloseable {
    /** One accepted call, as the function sees it. */
    public record Call(String name, String app, JsonNode arguments, JsonNode caller, String callId,
            StandInServer.Request request) {
    }

    @FunctionalInterface
    public interface Function {
        StandInServer.Reply answer(Call call) throws Exception;
    }

    private static final long WINDOW_SECONDS = 300;
    private final StandInServer server = StandInServer.start();
    private final String signingSecret;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    public FunctionStandIn(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    public URI url(String name) {
        return server.url("/functions/" + name);
    }

    public FunctionStandIn define(String name, Function function) {
        server.route("/functions/" + name, request -> {
            if (!signedByPortico(request)) {
                refused.incrementAndGet();
                return StandInServer.Reply.json(401, Map.of("error", "invalid signature"));
            }
            JsonNode body = request.json();
            Call call = new Call(body.path("name").asText(), body.path("app").asText(), body.get("arguments"),
                    body.get("caller"), body.path("call_id").asText(), request);
            calls.add(call);
            return function.answer(call);
        });
        return this;
    }

    /** The function returns {@code value}. */
    public static StandInServer.Reply result(Object value) {
        return StandInServer.Reply.json(200, java.util.Collections.singletonMap("result", value));
    }

    /** The function throws {@code message}. */
    public static StandInServer.Reply error(String message) {
        return StandInServer.Reply.json(200, Map.of("error", message));
    }

    public List<Call> calls(String name) {
        return calls.stream().filter(call -> call.name().equals(name)).toList();
    }

    /** Calls refused for a wrong or missing signature or a stale timestamp. */
    public int refused() {
        return refused.get();
    }

    private boolean signedByPortico(StandInServer.Request request) {
        String timestamp = request.header("X-Portico-Timestamp");
        String signature = request.header("X-Portico-Signature");
        if (timestamp == null || signature == null || !signature.startsWith("v1=") || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > WINDOW_SECONDS) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = mac.doFinal(request.body());
            return MessageDigest.isEqual(expected, java.util.HexFormat.of().parseHex(signature.substring(3)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
