package dev.portico.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A small HTTP client for the client API (and the read API) that sends what realm-web sends. */
public final class ClientApi {
    /** What this client calls itself, so that tests can look for it where it must not appear. */
    public static final String USER_AGENT = "portico-test-client/1 (distinctive-agent)";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A server that stops answering fails the test instead of stalling it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ClientApi(int port) {
        this("http://127.0.0.1:" + port);
    }

    public ClientApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response anonymousLogin(String appId) {
        return post("/api/client/v2.0/app/" + appId + "/auth/providers/anon-user/login", null,
                "{\"options\":{\"device\":{\"sdkVersion\":\"2.0.1\",\"platform\":\"node\",\"platformVersion\":\"20.20.2\"}}}");
    }

    public Response get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    /** A GET whose {@code headers} replace the usual ones of the same name (Accept, Authorization). */
    public Response getWithHeaders(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, null);
        headers.forEach(builder::setHeader);
        return send(builder.GET());
    }

    public Response post(String path, String bearer, String body) {
        HttpRequest.Builder builder = request(path, bearer);
        if (body == null) {
            return send(builder.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any bytes under any content type (null: none), with extra headers: for requests no SDK would send. */
    public Response postRaw(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, null);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::setHeader);
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any method with any headers and bytes (none when empty). */
    public Response send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = request(path, null);
        headers.forEach(builder::setHeader);
        return send(builder.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A PUT without a body, as realm-web enables and disables API keys. */
    public Response put(String path, String bearer) {
        return send(request(path, bearer).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    /** A POST with headers of its own, e.g. {@code X-Forwarded-For} to stand for a client behind a proxy. */
    public Response postWithHeaders(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, null);
        headers.forEach(builder::setHeader);
        if (body == null) {
            return send(builder.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response delete(String path, String bearer) {
        return send(request(path, bearer).DELETE());
    }

    public Response options(String path, String origin, String method) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT).header("X-Request-Id", UUID.randomUUID().toString());
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed as JSON when there is one. */
    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public Optional<String> contentType() {
            return raw.headers().firstValue("Content-Type");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        /** The correlation id this request was sent with. */
        public String requestId() {
            return raw.request().headers().firstValue("X-Request-Id").orElseThrow();
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null ? null : node.asText();
        }
    }
}
