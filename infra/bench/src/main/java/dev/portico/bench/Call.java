package dev.portico.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP request of a scenario, prepared once and replayed: the raw client writes {@link #wire()} as it is;
 * the JDK client sends the equivalent {@link HttpRequest}, built on first use.
 */
final class Call {
    private final Target target;
    private final String method;
    private final String path;
    private final String bearer;
    private final byte[] body;
    private final byte[] wire;
    private volatile HttpRequest jdkRequest;

    private Call(Target target, String method, String path, String bearer, byte[] body) {
        this.target = target;
        this.method = method;
        this.path = path;
        this.bearer = bearer;
        this.body = body;
        this.wire = encode();
    }

    static Call get(Target target, String path, String bearer) {
        return new Call(target, "GET", path, bearer, null);
    }

    static Call delete(Target target, String path, String bearer) {
        return new Call(target, "DELETE", path, bearer, null);
    }

    /** A POST; {@code json} may be null for a request without a body (sent with Content-Length: 0). */
    static Call post(Target target, String path, String bearer, String json) {
        return new Call(target, "POST", path, bearer, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    byte[] wire() {
        return wire;
    }

    private byte[] encode() {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.hostHeader()).append("\r\n")
                .append("Accept: application/json\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (body != null || !"GET".equals(method)) {
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    HttpRequest jdkRequest(Duration timeout) {
        HttpRequest request = jdkRequest;
        if (request == null) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                    .timeout(timeout)
                    .header("Accept", "application/json");
            if (bearer != null) {
                builder.header("Authorization", "Bearer " + bearer);
            }
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            request = builder.build();
            jdkRequest = request;
        }
        return request;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
