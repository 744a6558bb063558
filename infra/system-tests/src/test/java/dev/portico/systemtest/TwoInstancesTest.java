package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientLoad;
import dev.portico.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two command-service and two query-service instances on one PostgreSQL and one Kafka: clients log in at one
 * instance and refresh and log out at the other, the query instances split the projection's segments and
 * publish each message once, concurrent commands on one user through both never fail with a 5xx, and one
 * instance of each stopping loses nothing.
 */
class TwoInstancesTest {
    private static final Logger log = LoggerFactory.getLogger(TwoInstancesTest.class);
    private static final Duration GENEROUS = Duration.ofSeconds(120);
    private static final String KEYS = "/api/client/v2.0/auth/api_keys";

    @Test
    void two_instances_of_each_service_share_the_work_and_one_of_each_stopping_loses_nothing() throws Exception {
        try (ProcessSystem system = ProcessSystem.start("two-instances")) {
            ServiceProcess commandA = system.startCommand("command-a");
            ServiceProcess commandB = system.startCommand("command-b");
            ServiceProcess queryA = system.startQuery("query-a");
            ServiceProcess queryB = system.startQuery("query-b");
            ProcessSystem.awaitUp(commandA, commandB, queryA, queryB);
            ClientApi a = new ClientApi(commandA.baseUrl());
            ClientApi b = new ClientApi(commandB.baseUrl());

            // Both query instances hold segments of the projection.
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(system.database().jdbcUrl(),
                    system.database().username(), system.database().password()));
            await().atMost(GENEROUS).until(() -> jdbc.sql("SELECT count(DISTINCT owner) FROM query_token_entry "
                    + "WHERE processor_name = 'users' AND owner IS NOT NULL").query(Long.class).single() == 2);

            // A session opened at one instance is accepted, refreshed and revoked by the other.
            ClientApi.Response atB = b.anonymousLogin(PorticoSystem.APP_ID);
            assertThat(atB.status()).isEqualTo(200);
            assertThat(a.get("/api/client/v2.0/auth/profile", atB.text("access_token")).status()).isEqualTo(200);
            assertThat(a.post("/api/client/v2.0/auth/session", atB.text("refresh_token"), null).status()).isEqualTo(201);
            assertThat(a.delete("/api/client/v2.0/auth/session", atB.text("refresh_token")).status()).isEqualTo(204);
            assertThat(b.post("/api/client/v2.0/auth/session", atB.text("refresh_token"), null).status()).isEqualTo(401);

            String keyOwner = concurrentCommandsOnOneUserThroughBothInstancesNeverFail(a, b);

            ClientLoad load = ClientLoad.start(List.of(a, b), PorticoSystem.APP_ID, 2);
            Map<String, Object> counts;
            try {
                await().atMost(GENEROUS).until(() -> load.logins().stream().map(ClientLoad.Login::instance).distinct()
                        .count() == 2 && load.loggedOut().size() >= 10);
                // One instance of each stops; the other carries on.
                commandB.close();
                queryA.close();
                int before = load.logins().size();
                await().atMost(GENEROUS).until(() -> load.logins().size() >= before + 20);
            } finally {
                load.stop();
            }
            counts = new LoadAftermath(load, system.database(), system.kafkaBootstrapServers(), a,
                    new ClientApi(queryB.baseUrl()), system.serviceToken(), Set.of(atB.text("user_id"), keyOwner)).verify();
            log.info("two instances: {}", counts);
            System.out.println("TwoInstancesTest: " + counts);
            assertThat(counts.get("duplicates")).as("messages published twice").isEqualTo(0);
            assertThat(load.serverErrors()).as("5xx answers: %s", load.answers()).isZero();
        }
    }

    /**
     * One user creates API keys, logs in with them and refreshes through both instances at once: every command
     * on the user's aggregate races one from the other instance, and each must be decided, never a 5xx.
     */
    /** @return the user */
    private static String concurrentCommandsOnOneUserThroughBothInstancesNeverFail(ClientApi a, ClientApi b)
            throws Exception {
        ClientApi.Response login = a.anonymousLogin(PorticoSystem.APP_ID);
        assertThat(login.status()).isEqualTo(200);
        String refresh = login.text("refresh_token");
        String userId = login.text("user_id");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ClientApi.Response>> creations = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ClientApi at = i % 2 == 0 ? a : b;
                String name = "key-" + i;
                creations.add(() -> at.post(KEYS, refresh, "{\"name\":\"" + name + "\"}"));
            }
            List<String> secrets = new ArrayList<>();
            for (Future<ClientApi.Response> created : pool.invokeAll(creations)) {
                ClientApi.Response response = created.get();
                assertThat(response.status()).as("key creation: %s", response.body()).isEqualTo(201);
                secrets.add(response.text("key"));
            }
            List<Callable<ClientApi.Response>> sessions = new ArrayList<>();
            for (int i = 0; i < secrets.size(); i++) {
                ClientApi at = i % 2 == 0 ? b : a;
                String secret = secrets.get(i);
                sessions.add(() -> at.post("/api/client/v2.0/app/" + PorticoSystem.APP_ID + "/auth/providers/api-key/login",
                        null, "{\"key\":\"" + secret + "\"}"));
            }
            for (Future<ClientApi.Response> opened : pool.invokeAll(sessions)) {
                ClientApi.Response response = opened.get();
                assertThat(response.status()).as("API-key login: %s", response.body()).isEqualTo(200);
                assertThat(response.text("user_id")).isEqualTo(userId);
            }
            assertThat(b.get(KEYS, refresh).json()).hasSize(secrets.size());
            return userId;
        } finally {
            pool.shutdownNow();
        }
    }
}
