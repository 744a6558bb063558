package dev.portico.testsupport;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients logging in anonymously, refreshing and (every other one) logging out, in a loop on a few threads,
 * recording what each request was answered: the record a test checks the stored state against after a fault.
 * With several command-service instances, each login's refresh and logout go to the next instance.
 */
public final class ClientLoad implements AutoCloseable {
    /** A login answered 200, and the instance that answered it. */
    public record Login(String userId, String accessToken, String refreshToken, int instance) {
    }

    /** A logout answered with something else than 204 (status 0: no answer, the connection failed). */
    public record FailedLogout(Login login, int status) {
    }

    private static final java.time.Duration RETRY_PAUSE = java.time.Duration.ofMillis(50);

    private final List<ClientApi> instances;
    private final String appId;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private final Queue<Login> logins = new ConcurrentLinkedQueue<>();
    private final Queue<Login> loggedOut = new ConcurrentLinkedQueue<>();
    private final Queue<FailedLogout> failedLogouts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unansweredLogins = new AtomicInteger();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();

    private ClientLoad(List<ClientApi> instances, String appId) {
        this.instances = List.copyOf(instances);
        this.appId = appId;
    }

    public static ClientLoad start(List<ClientApi> instances, String appId, int threadCount) {
        ClientLoad load = new ClientLoad(instances, appId);
        for (int t = 0; t < threadCount; t++) {
            int first = t;
            Thread thread = new Thread(() -> load.run(first), "client-load-" + t);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run(int iteration) {
        for (int i = iteration; running; i++) {
            ClientApi loginAt = instances.get(i % instances.size());
            ClientApi then = instances.get((i + 1) % instances.size());
            Login login = logIn(loginAt, i % instances.size());
            if (login == null) {
                pauseAfterAFailure();
                continue;
            }
            count("refresh", status(() -> then.post("/api/client/v2.0/auth/session", login.refreshToken(), null).status()));
            if (i % 2 == 0) {
                int status = status(() -> then.delete("/api/client/v2.0/auth/session", login.refreshToken()).status());
                count("logout", status);
                if (status == 204) {
                    loggedOut.add(login);
                } else {
                    failedLogouts.add(new FailedLogout(login, status));
                }
            }
        }
    }

    private Login logIn(ClientApi api, int instance) {
        ClientApi.Response response;
        try {
            response = api.anonymousLogin(appId);
        } catch (UncheckedIOException e) {
            unansweredLogins.incrementAndGet();
            count("login", 0);
            return null;
        }
        count("login", response.status());
        if (response.status() != 200) {
            return null;
        }
        Login login = new Login(response.text("user_id"), response.text("access_token"), response.text("refresh_token"),
                instance);
        logins.add(login);
        return login;
    }

    /**
     * A client whose request failed tries again a moment later, as the SDKs do, rather than spinning on a
     * refused connection while a service restarts.
     */
    private static void pauseAfterAFailure() {
        java.util.concurrent.locks.LockSupport.parkNanos(RETRY_PAUSE.toNanos());
    }

    private static int status(java.util.function.IntSupplier request) {
        try {
            return request.getAsInt();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private void count(String request, int status) {
        answers.computeIfAbsent(request + " " + (status == 0 ? "no answer" : status), k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** Stops the clients after their current request. */
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public List<Login> logins() {
        return List.copyOf(logins);
    }

    public List<Login> loggedOut() {
        return List.copyOf(loggedOut);
    }

    public List<FailedLogout> failedLogouts() {
        return List.copyOf(failedLogouts);
    }

    /** Logins whose connection failed: they may or may not have happened, and the client cannot tell. */
    public int unansweredLogins() {
        return unansweredLogins.get();
    }

    /** How often each request was answered with each status ("login 200", "logout no answer", …). */
    public Map<String, Integer> answers() {
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach((key, value) -> counts.put(key, value.get()));
        return counts;
    }

    /** How many answers were server errors (5xx). */
    public int serverErrors() {
        return answers().entrySet().stream().filter(e -> e.getKey().matches(".* 5\\d\\d")).mapToInt(Map.Entry::getValue)
                .sum();
    }
}
