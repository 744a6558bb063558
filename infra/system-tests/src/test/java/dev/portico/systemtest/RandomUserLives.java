package dev.portico.systemtest;

import dev.portico.testsupport.ClientApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Users living random lives through every door a client, an operator and an internal service have: a first
 * login (anonymous, custom JWT, an API key of a custom JWT user, or email/password), then a few of refresh, link
 * a custom JWT identity (anonymous users), custom data written by a service, disable and enable by an operator,
 * and at the end perhaps a logout, a deletion by the user or by an operator. User {@code n}'s life is drawn from
 * {@code seed + n} alone, so a seed gives the same lives again (the threads interleave them differently).
 * Every answer must be the one the protocol promises; any other is kept as {@link #unexpected()}.
 */
final class RandomUserLives {
    private static final String CLIENT = "/api/client/v2.0";
    private static final String PASSWORD = "a long enough password";

    private final long seed;
    private final int users;
    private final ClientApi api;
    private final String operatorToken;
    private final String serviceToken;
    private final String app = CLIENT + "/app/" + PorticoSystem.APP_ID + "/auth/providers/";
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger lived = new AtomicInteger();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> steps = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    RandomUserLives(long seed, int users, ClientApi api, String operatorToken, String serviceToken) {
        this.seed = seed;
        this.users = users;
        this.api = api;
        this.operatorToken = operatorToken;
        this.serviceToken = serviceToken;
    }

    RandomUserLives start(int threadCount) {
        for (int t = 0; t < threadCount; t++) {
            Thread thread = new Thread(() -> {
                for (int n = next.getAndIncrement(); n < users; n = next.getAndIncrement()) {
                    try {
                        live(n);
                    } catch (RuntimeException e) {
                        unexpected.add("user " + n + ": " + e);
                    }
                    lived.incrementAndGet();
                }
            }, "user-lives-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Users whose life is over. */
    int lived() {
        return lived.get();
    }

    boolean done() {
        return lived() == users;
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** How often each step was taken. */
    Map<String, Integer> steps() {
        Map<String, Integer> counts = new TreeMap<>();
        steps.forEach((step, n) -> counts.put(step, n.get()));
        return counts;
    }

    private void live(int n) {
        Random random = new Random(seed + n);
        ClientApi.Response login;
        // Password hashing is costly by design: few users take that door.
        int door = random.nextInt(20);
        boolean anonymous = door < 14;
        if (anonymous) {
            login = expect("anonymous login", 200, api.anonymousLogin(PorticoSystem.APP_ID));
        } else if (door < 19) {
            login = expect("custom JWT login", 200, customJwtLogin("life-" + n, null));
            if (login != null && door >= 17) {
                ClientApi.Response key = expect("API key created", 201,
                        api.post(CLIENT + "/auth/api_keys", login.text("refresh_token"), "{\"name\":\"key\"}"));
                login = key == null ? null
                        : expect("API key login", 200, api.post(app + "api-key/login", null,
                                "{\"key\":\"" + key.text("key") + "\"}"));
            }
        } else {
            login = passwordLogin("life-" + n + "@example.com");
        }
        if (login == null) {
            return;
        }
        String userId = login.text("user_id");
        String access = login.text("access_token");
        String refresh = login.text("refresh_token");
        boolean sessionsEnded = false;
        boolean linked = false;
        for (int steps = random.nextInt(5); steps > 0; steps--) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!sessionsEnded) {
                        expect("refresh", 201, api.post(CLIENT + "/auth/session", refresh, null));
                    }
                }
                case 1 -> {
                    // Only an anonymous user may link another identity.
                    if (anonymous && !sessionsEnded && !linked) {
                        expect("link", 200, customJwtLogin("linked-" + n, access));
                        linked = true;
                    }
                }
                case 2, 3 -> expect("custom data changed", 200, api.send("PUT",
                        "/api/service/v1/apps/" + PorticoSystem.APP_ID + "/users/" + userId + "/custom-data",
                        Map.of("Authorization", "Bearer " + serviceToken, "Content-Type", "application/json"),
                        ("{\"plan\":\"p" + random.nextInt(1000) + "\"}").getBytes(StandardCharsets.UTF_8)));
                default -> {
                    expect("disabled", 200, api.post(operator(userId) + "/disable", operatorToken, null));
                    expect("enabled", 200, api.post(operator(userId) + "/enable", operatorToken, null));
                    // Disabling ended every session.
                    sessionsEnded = true;
                }
            }
        }
        int end = random.nextInt(10);
        if (end < 3 && !sessionsEnded) {
            expect("logout", 204, api.delete(CLIENT + "/auth/session", refresh));
        } else if (end < 5 && !sessionsEnded) {
            expect("deleted by the user", 204, api.delete(CLIENT + "/auth/delete", access));
        } else if (end < 6) {
            expect("deleted by an operator", 204, api.delete(operator(userId), operatorToken));
        }
    }

    private ClientApi.Response passwordLogin(String email) {
        String credentials = "\"password\":\"" + PASSWORD + "\"";
        if (expect("email/password registered", 201, api.post(app + "local-userpass/register", null,
                "{\"email\":\"" + email + "\"," + credentials + "}")) == null) {
            return null;
        }
        return expect("email/password login", 200, api.post(app + "local-userpass/login", null,
                "{\"username\":\"" + email + "\"," + credentials + "}"));
    }

    /** A custom JWT login, or with an access token the link of that identity to the token's user. */
    private ClientApi.Response customJwtLogin(String subject, String linkTo) {
        // The app's provider names no audience: the app's id is the one expected.
        String token = SystemTestApps.customJwt(PorticoSystem.DEV_JWT_SIGNING_KEY, PorticoSystem.APP_ID, subject, Map.of());
        return api.post(app + "custom-token/login" + (linkTo == null ? "" : "?link=true"), linkTo,
                "{\"token\":\"" + token + "\"}");
    }

    private String operator(String userId) {
        return "/api/admin/v1/apps/" + PorticoSystem.APP_ID + "/users/" + userId;
    }

    /** The response when it has the status the protocol promises, else null (and the surprise kept). */
    private ClientApi.Response expect(String step, int status, ClientApi.Response response) {
        steps.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
        if (response.status() == status) {
            return response;
        }
        unexpected.add(step + ": " + response.status() + " " + response.body());
        return null;
    }
}
