package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientLoad;
import dev.portico.testsupport.Races;
import dev.portico.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two command-service and two query-service instances on one PostgreSQL and one Kafka: clients log in at one
 * instance and refresh and log out at the other, the query instances share the projection's segments claimed
 * in PostgreSQL half and half (the one stopped, the other takes its segments over) and publish each message once,
 * no answer is a 5xx, and one instance of each stopping loses nothing.
 */
class TwoInstancesTest {
    private static final Logger log = LoggerFactory.getLogger(TwoInstancesTest.class);
    private static final Duration GENEROUS = Duration.ofSeconds(120);
    /** {@code initial-segment-count} of the users processor (query-service.yml). */
    private static final long SEGMENTS = 4;

    @Test
    void two_instances_of_each_service_share_the_work_and_one_of_each_stopping_loses_nothing() {
        try (ProcessSystem system = ProcessSystem.start("two-instances")) {
            ServiceProcess commandA = system.startCommand("command-a");
            ServiceProcess commandB = system.startCommand("command-b");
            ServiceProcess queryA = system.startQuery("query-a");
            ServiceProcess queryB = system.startQuery("query-b");
            ProcessSystem.awaitUp(commandA, commandB, queryA, queryB);
            ClientApi a = new ClientApi(commandA.baseUrl());
            ClientApi b = new ClientApi(commandB.baseUrl());

            // The projection's segments are claimed in PostgreSQL, so one query instance processes each event,
            // and the instances share them evenly (SegmentBalancing), whichever started first.
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(system.database().jdbcUrl(),
                    system.database().username(), system.database().password()));
            await().atMost(GENEROUS).until(() -> segmentsOwnedBy(jdbc, queryA) == SEGMENTS / 2
                    && segmentsOwnedBy(jdbc, queryB) == SEGMENTS / 2);
            ServiceProcess stopping = queryA;
            ServiceProcess carryingOn = queryB;

            // A session opened at one instance is accepted, refreshed and revoked by the other.
            ClientApi.Response atB = b.anonymousLogin(PorticoSystem.APP_ID);
            assertThat(atB.status()).isEqualTo(200);
            assertThat(a.get("/api/client/v2.0/auth/profile", atB.text("access_token")).status()).isEqualTo(200);
            assertThat(a.post("/api/client/v2.0/auth/session", atB.text("refresh_token"), null).status()).isEqualTo(201);
            assertThat(a.delete("/api/client/v2.0/auth/session", atB.text("refresh_token")).status()).isEqualTo(204);
            assertThat(b.post("/api/client/v2.0/auth/session", atB.text("refresh_token"), null).status()).isEqualTo(401);

            // Commands on one user at once through both instances are all applied, none answered 5xx.
            String userpass = "/api/client/v2.0/app/" + PorticoSystem.APP_ID + "/auth/providers/local-userpass";
            String credentials = "{\"email\":\"both-instances@example.com\",\"password\":\"a fine password\"}";
            assertThat(a.post(userpass + "/register", null, credentials).status()).isEqualTo(201);
            String refreshToken = b.post(userpass + "/login", null,
                    "{\"username\":\"both-instances@example.com\",\"password\":\"a fine password\"}")
                    .text("refresh_token");
            List<Integer> created = Races.inParallel(java.util.stream.IntStream.range(0, 16)
                    .<java.util.concurrent.Callable<Integer>>mapToObj(i -> () -> (i % 2 == 0 ? a : b)
                            .post("/api/client/v2.0/auth/api_keys", refreshToken, "{\"name\":\"key-" + i + "\"}")
                            .status())
                    .toList());
            // The user's row lock takes the commands in turn across instances; a lost race would be retried.
            assertThat(created).as("API keys created at once through both instances").containsOnly(201);
            assertThat(a.get("/api/client/v2.0/auth/api_keys", refreshToken).json().size()).as("keys listed")
                    .isEqualTo(16);


            ClientLoad load = ClientLoad.start(List.of(a, b), PorticoSystem.APP_ID, 2);
            Map<String, Object> counts;
            try {
                await().atMost(GENEROUS).until(() -> load.logins().stream().map(ClientLoad.Login::instance).distinct()
                        .count() == 2 && load.loggedOut().size() >= 10);
                // One instance of each stops; the other query instance takes over the stopped one's segments.
                commandB.close();
                stopping.close();
                await().atMost(GENEROUS).until(() -> segmentsOwnedBy(jdbc, carryingOn) == SEGMENTS);
                int before = load.logins().size();
                await().atMost(GENEROUS).until(() -> load.logins().size() >= before + 20);
            } finally {
                load.stop();
            }
            counts = new LoadAftermath(load, system.database(), system.kafkaBootstrapServers(), a,
                    new ClientApi(carryingOn.baseUrl()), system.serviceToken(), Set.of(atB.text("user_id"))).verify();
            log.info("two instances: {}", counts);
            System.out.println("TwoInstancesTest: " + counts);
            assertThat(counts.get("duplicates")).as("messages published twice").isEqualTo(0);
            assertThat(load.serverErrors()).as("5xx answers: %s", load.answers()).isZero();
        }
    }

    /** Axon's token store names a segment's owner by the process's runtime name, {@code <pid>@<host>}. */
    private static long segmentsOwnedBy(JdbcClient jdbc, ServiceProcess instance) {
        return jdbc.sql("SELECT count(*) FROM query_token_entry WHERE processor_name = 'users' AND owner LIKE :owner")
                .param("owner", instance.pid() + "@%").query(Long.class).single();
    }
}
