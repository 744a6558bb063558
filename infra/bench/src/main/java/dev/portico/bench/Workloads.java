package dev.portico.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Builds the scenarios, setting each up through the client API itself before its warm-up: the session pool
 * for {@code refresh_token} and {@code profile} comes from anonymous logins, the users of
 * {@code password_login} from registrations, the keys of {@code api_key_login} from those users' sessions.
 */
final class Workloads {
    static final List<String> KNOWN = List.of("anon_login", "refresh_token", "profile", "password_login",
            "api_key_login", "noop");

    private final Target target;
    private final String appId;
    private final int poolSize;
    private final int setupThreads;
    private final int timeoutMillis;
    private final String noopPath;
    private final Consumer<String> log;
    private final String runId = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString((int) (Math.random() * 1296), 36);

    private List<ClientApi.Session> sessions;
    private List<String[]> passwordUsers;

    Workloads(Target target, String appId, int poolSize, int setupThreads, int timeoutMillis, String noopPath,
            Consumer<String> log) {
        this.target = target;
        this.appId = appId;
        this.poolSize = poolSize;
        this.setupThreads = Math.max(1, Math.min(setupThreads, 8));
        this.timeoutMillis = timeoutMillis;
        this.noopPath = noopPath;
        this.log = log;
    }

    Scenario prepare(String name) throws ClientApi.Unavailable, IOException {
        switch (name) {
            case "anon_login": {
                // Check once that the provider answers, so that a misconfiguration reads as such.
                try (ClientApi api = api()) {
                    api.anonymousLogin();
                }
                return Scenario.of(name, new Call[] {Call.post(target, ClientApi.loginPath(appId, "anon-user"), null,
                        ClientApi.ANONYMOUS_LOGIN_BODY)}, "\"refresh_token\"");
            }
            case "refresh_token": {
                List<ClientApi.Session> pool = sessions();
                Call[] calls = new Call[pool.size()];
                for (int i = 0; i < calls.length; i++) {
                    calls[i] = Call.post(target, ClientApi.SESSION_PATH, pool.get(i).refreshToken(), null);
                }
                return Scenario.of(name, calls, "\"access_token\"");
            }
            case "profile": {
                // Access tokens expire: take fresh ones right before the scenario, as the Keycloak script does.
                List<ClientApi.Session> pool = sessions();
                log.accept("[profile] refreshing the access tokens of " + pool.size() + " sessions");
                String[] access = parallel(pool.size(), (api, i) -> api.refresh(pool.get(i).refreshToken()))
                        .toArray(new String[0]);
                Call[] calls = new Call[access.length];
                for (int i = 0; i < calls.length; i++) {
                    calls[i] = Call.get(target, ClientApi.PROFILE_PATH, access[i]);
                }
                return Scenario.of(name, calls, "\"identities\"");
            }
            case "password_login": {
                List<String[]> users = passwordUsers();
                Call[] calls = new Call[users.size()];
                for (int i = 0; i < calls.length; i++) {
                    calls[i] = Call.post(target, ClientApi.loginPath(appId, "local-userpass"), null,
                            ClientApi.passwordLoginBody(users.get(i)[0], users.get(i)[1]));
                }
                return Scenario.of(name, calls, "\"refresh_token\"");
            }
            case "api_key_login": {
                List<String[]> users = passwordUsers();
                log.accept("[api_key_login] creating " + users.size() + " user API keys (one per user)");
                List<String> keys = parallel(users.size(), (api, i) -> {
                    ClientApi.Session session = api.passwordLogin(users.get(i)[0], users.get(i)[1]);
                    return api.createApiKey(session.refreshToken(), "bench-" + runId + "-" + i);
                });
                try (ClientApi api = api()) {
                    api.login("api-key", ClientApi.apiKeyLoginBody(keys.get(0)));
                }
                Call[] calls = new Call[keys.size()];
                for (int i = 0; i < calls.length; i++) {
                    calls[i] = Call.post(target, ClientApi.loginPath(appId, "api-key"), null,
                            ClientApi.apiKeyLoginBody(keys.get(i)));
                }
                return Scenario.of(name, calls, "\"refresh_token\"");
            }
            case "noop":
                return Scenario.of(name, new Call[] {Call.get(target, noopPath, null)}, null);
            default:
                throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(" ", KNOWN));
        }
    }

    private List<ClientApi.Session> sessions() throws ClientApi.Unavailable, IOException {
        if (sessions == null) {
            log.accept("creating a pool of " + poolSize + " sessions (anonymous logins)");
            sessions = parallel(poolSize, (api, i) -> api.anonymousLogin());
        }
        return sessions;
    }

    private List<String[]> passwordUsers() throws ClientApi.Unavailable, IOException {
        if (passwordUsers == null) {
            log.accept("registering " + poolSize + " email/password users");
            List<String[]> users = new ArrayList<>();
            for (int i = 0; i < poolSize; i++) {
                String n = String.format(Locale.ROOT, "%05d", i + 1);
                users.add(new String[] {"bench-" + runId + "-" + n + "@bench.test", "pw-" + runId + "-" + n});
            }
            parallel(users.size(), (api, i) -> {
                api.register(users.get(i)[0], users.get(i)[1]);
                return null;
            });
            // A registered user must be able to log in (auto-confirmation): check one before the load.
            try (ClientApi api = api()) {
                api.passwordLogin(users.get(0)[0], users.get(0)[1]);
            }
            passwordUsers = users;
        }
        return passwordUsers;
    }

    private ClientApi api() {
        return new ClientApi(target, appId, timeoutMillis);
    }

    interface SetupStep<T> {
        T run(ClientApi api, int index) throws ClientApi.Unavailable, IOException;
    }

    /** Runs {@code count} set-up steps on a few threads, each with its own connection; results in order. */
    private <T> List<T> parallel(int count, SetupStep<T> step) throws ClientApi.Unavailable, IOException {
        int threads = Math.min(setupThreads, count);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        ThreadLocal<ClientApi> apis = new ThreadLocal<>();
        List<ClientApi> all = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    ClientApi api = apis.get();
                    if (api == null) {
                        api = api();
                        apis.set(api);
                        all.add(api);
                    }
                    return step.run(api, index);
                }));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof ClientApi.Unavailable unavailable) {
                        throw unavailable;
                    }
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("set-up failed", cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted during set-up", e);
                }
            }
            return results;
        } finally {
            executor.shutdownNow();
            synchronized (all) {
                all.forEach(ClientApi::close);
            }
        }
    }
}
