package dev.portico.query.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.query.QueryServiceApplication;
import dev.portico.stack.EmbeddedKafka;
import dev.portico.stack.EmbeddedPostgres;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A query-service started before PostgreSQL waits for it; one started before Kafka serves reads, reports the
 * broker DOWN with the reason, and turns healthy once the broker answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupWaitTest {
    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_service_started_before_its_database_waits_for_it_and_starts_once_it_is_up(CapturedOutput output)
            throws Exception {
        // Given no PostgreSQL at the configured address
        int port = freePort();
        PostgresServer absent = new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
        CompletableFuture<ConfigurableApplicationContext> starting =
                CompletableFuture.supplyAsync(() -> start(absent, TestBackends.kafkaBootstrapServers()));

        // Then it says what it waits for, repeatedly, without giving up
        await().atMost(GENEROUS).until(() -> output.getOut().lines()
                .filter(line -> line.contains("Connection to 127.0.0.1:" + port + " refused")).count() >= 2);
        assertThat(starting).isNotDone();

        // When PostgreSQL comes up, the start completes and the service is healthy
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(port, null);
                ConfigurableApplicationContext service = starting.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)) {
            await().atMost(GENEROUS).untilAsserted(() -> assertThat(health(service).path("status").asText()).isEqualTo("UP"));
        }
    }

    @Test
    void a_service_started_before_kafka_reports_the_broker_down_with_the_reason_until_it_answers(CapturedOutput output)
            throws Exception {
        // Given no broker at the configured address
        int port = freePort();
        String servers = "127.0.0.1:" + port;
        try (ConfigurableApplicationContext service = start(TestBackends.freshDatabase("portico_startup"), servers)) {
            // Then the service is up, says what it waits for, and its health names Kafka as the part that is down
            await().atMost(GENEROUS).until(() -> output.getOut().contains("Waiting for Kafka at " + servers));
            JsonNode down = health(service);
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/kafka/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/kafka/details/reason").asText()).isNotBlank();
            assertThat(down.at("/components/db/status").asText()).isEqualTo("UP");

            // When the broker comes up, the service turns healthy by itself
            try (EmbeddedKafka kafka = EmbeddedKafka.start(port, null)) {
                await().atMost(GENEROUS).untilAsserted(() -> assertThat(health(service).path("status").asText()).isEqualTo("UP"));
            }
        }
    }

    private static ConfigurableApplicationContext start(PostgresServer database, String kafka) {
        return QueryServiceApplication.application().run(
                "--server.port=0",
                "--PORTICO_DB_URL=" + database.jdbcUrl(),
                "--PORTICO_DB_USER=" + database.username(),
                "--PORTICO_DB_PASSWORD=" + database.password(),
                "--PORTICO_KAFKA_BOOTSTRAP_SERVERS=" + kafka,
                "--PORTICO_STARTUP_WAIT=2m",
                "--PORTICO_QUERY_SERVICE_TOKEN=startup-wait-test");
    }

    private JsonNode health(ConfigurableApplicationContext service) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.getEnvironment().getProperty("local.server.port") + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
