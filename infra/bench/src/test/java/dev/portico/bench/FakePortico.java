package dev.portico.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Portico's two HTTP APIs for the load generator to run every scenario against it, on
 * 127.0.0.1 only: canned answers, no database, so that checking the harness costs next to nothing. It counts
 * what it answered, by route, so that a test can compare with what the generator says it measured.
 *
 * <ul>
 *   <li>anonymous logins to {@link #APP} answer new tokens and a new user id; any other app is unknown;</li>
 *   <li>refresh takes a refresh token it issued and gives an access token; the profile takes only access
 *   tokens that came from a refresh, the way a scenario must use fresh ones;</li>
 *   <li>registration is refused, as on an app without the email/password provider; a logout ends a refresh
 *   token;</li>
 *   <li>{@code /actuator/prometheus} shows the projection lag histogram with one observation per login, of
 *   {@link #READ_MODEL_LAG_S} and {@link #KAFKA_LAG_S}.</li>
 * </ul>
 */
final class FakePortico implements AutoCloseable {
    static final String APP = "bench-app";
    static final String LOGIN = "anon login";
    static final String REFRESH = "refresh";
    static final String PROFILE = "profile";
    static final String HEALTH = "health";
    static final String LOGOUT = "logout";
    /** The lag each login's events show in the fake histogram: to the read model, and to Kafka. */
    static final double READ_MODEL_LAG_S = 0.005;
    static final double KAFKA_LAG_S = 0.02;
    private static final double[] BUCKETS = {0.001, 0.005, 0.02, 0.1};

    private static final Pattern LOGIN_PATH = Pattern.compile("/api/client/v2\\.0/app/([^/]+)/auth/providers/anon-user/login");
    private static final Pattern REGISTER_PATH = Pattern.compile("/api/client/v2\\.0/app/[^/]+/auth/providers/local-userpass/register");

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "fake-portico");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> freshAccessTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> answered = new ConcurrentHashMap<>();

    static {
        // The JDK's server writes a response's head and body separately; without TCP_NODELAY the body waits for
        // the client's delayed ACK, some 40 ms a request. Read once, when the server's configuration loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakePortico() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests of a route have been answered so far. */
    long answered(String route) {
        AtomicLong count = answered.get(route);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String bearer = bearer(exchange);
            Matcher m;
            if ("POST".equals(method) && (m = LOGIN_PATH.matcher(path)).matches()) {
                login(exchange, m.group(1));
            } else if ("POST".equals(method) && REGISTER_PATH.matcher(path).matches()) {
                answer(exchange, null, 400, "{\"error\":\"provider not enabled\",\"error_code\":\"InvalidParameter\"}");
            } else if ("POST".equals(method) && ClientApi.SESSION_PATH.equals(path)) {
                if (bearer == null || !refreshTokens.contains(bearer)) {
                    answer(exchange, REFRESH, 401, "{\"error\":\"invalid session\",\"error_code\":\"InvalidSession\"}");
                } else {
                    String access = "access-refreshed-" + ids.incrementAndGet();
                    freshAccessTokens.add(access);
                    answer(exchange, REFRESH, 201, "{\"access_token\":\"" + access + "\"}");
                }
            } else if ("GET".equals(method) && ClientApi.PROFILE_PATH.equals(path)) {
                if (bearer == null || !freshAccessTokens.contains(bearer)) {
                    answer(exchange, PROFILE, 401, "{\"error\":\"invalid session\",\"error_code\":\"InvalidSession\"}");
                } else {
                    answer(exchange, PROFILE, 200, "{\"user_id\":\"u\",\"identities\":[],\"data\":{}}");
                }
            } else if ("DELETE".equals(method) && ClientApi.SESSION_PATH.equals(path)) {
                if (bearer == null || !refreshTokens.remove(bearer)) {
                    answer(exchange, LOGOUT, 401, "{\"error\":\"invalid session\",\"error_code\":\"InvalidSession\"}");
                } else {
                    answer(exchange, LOGOUT, 204, null);
                }
            } else if ("GET".equals(method) && "/actuator/prometheus".equals(path)) {
                metrics(exchange);
            } else if ("GET".equals(method) && "/actuator/health".equals(path)) {
                answer(exchange, HEALTH, 200, "{\"status\":\"UP\"}");
            } else {
                answer(exchange, null, 404, "{\"error\":\"no such endpoint\",\"error_code\":\"NotFound\"}");
            }
        }
    }

    private void login(HttpExchange exchange, String app) throws IOException {
        if (!APP.equals(app)) {
            answer(exchange, LOGIN, 404, "{\"error\":\"app not found\",\"error_code\":\"AppNotFound\"}");
            return;
        }
        long id = ids.incrementAndGet();
        String userId = String.format("%024x", id);
        String refresh = "refresh-" + id;
        refreshTokens.add(refresh);
        answer(exchange, LOGIN, 200, "{\"access_token\":\"access-login-" + id + "\",\"refresh_token\":\"" + refresh
                + "\",\"user_id\":\"" + userId + "\",\"device_id\":\"000000000000000000000000\"}");
    }

    /** The projection lag histogram as the query-service exposes it: one observation per target per login. */
    private void metrics(HttpExchange exchange) throws IOException {
        long logins = answered(LOGIN);
        StringBuilder text = new StringBuilder("# TYPE portico_projection_lag_seconds histogram\n");
        for (String target : new String[] {"kafka", "read_model"}) {
            double lag = "kafka".equals(target) ? KAFKA_LAG_S : READ_MODEL_LAG_S;
            for (double bucket : BUCKETS) {
                text.append("portico_projection_lag_seconds_bucket{target=\"").append(target).append("\",le=\"")
                        .append(bucket).append("\"} ").append(bucket >= lag ? logins : 0).append('\n');
            }
            text.append("portico_projection_lag_seconds_bucket{target=\"").append(target).append("\",le=\"+Inf\"} ")
                    .append(logins).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }

    /**
     * Counted before the answer is written, so that once the generator has read an answer its count is in:
     * a test that reads the counts after a run sees every answer the generator saw.
     */
    private void answer(HttpExchange exchange, String route, int status, String json) throws IOException {
        if (route != null) {
            answered.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
        }
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.getResponseBody().flush();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
