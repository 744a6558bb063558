package dev.portico.testsupport.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (JDK {@code HttpServer}, a free port) whose paths answer what a test wants:
 * the base of the stand-ins for the services a login calls out to. Every request is recorded, so a test can
 * check what was sent, headers and body included.
 */
public final class StandInServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received: method, path, decoded query parameters, headers (lower-case names) and body. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
            byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The body as an {@code application/x-www-form-urlencoded} form. */
        public Map<String, String> form() {
            return decode(text());
        }
    }

    /**
     * An answer: status, content type (null: none) and body, sent with its length or, {@code chunked}, without
     * one (so that the receiver learns its size only while reading).
     */
    public record Reply(int status, String contentType, byte[] body, boolean chunked) {
        public static Reply json(int status, Object value) {
            try {
                return new Reply(status, "application/json", JSON.writeValueAsBytes(value), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Reply text(int status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
        }

        public Reply streamed() {
            return new Reply(status, contentType, body, true);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    private StandInServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static StandInServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Many logins may wait on a stand-in at once (the claims race test sends 50).
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stand-in-http");
                thread.setDaemon(true);
                return thread;
            });
            StandInServer standIn = new StandInServer(server, executor);
            server.setExecutor(executor);
            server.createContext("/", standIn::serve);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests to exactly {@code path} (any method); a later route for the same path replaces it. */
    public StandInServer route(String path, Handler handler) {
        routes.put(path, handler);
        return this;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Request> requests(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void serve(HttpExchange exchange) {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), decode(uri.getRawQuery()), headers,
                    body);
            received.add(request);
            Handler handler = routes.get(uri.getPath());
            Reply reply;
            try {
                reply = handler == null ? Reply.json(404, Map.of("error", "no stand-in at " + uri.getPath()))
                        : handler.handle(request);
            } catch (Exception e) {
                reply = Reply.json(500, Map.of("error", "stand-in failed: " + e));
            }
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(),
                    reply.chunked() ? 0 : reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            // the caller gave up (a timeout test): nothing to answer
        } finally {
            exchange.close();
        }
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static List<String> list(String commaSeparated) {
        List<String> items = new ArrayList<>();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }
}
