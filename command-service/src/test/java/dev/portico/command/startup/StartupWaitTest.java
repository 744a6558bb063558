package dev.portico.command.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.command.CommandServiceApplication;
import dev.portico.stack.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A command-service started before PostgreSQL waits for it, within portico.startup.wait-for-dependencies. */
@ExtendWith(OutputCaptureExtension.class)
class StartupWaitTest {
    private static final Path SAMPLE_APP = Path.of("../infra/sample-app").toAbsolutePath().normalize();

    @TempDir
    Path keys;

    @Test
    void a_service_started_before_its_database_waits_for_it_and_starts_once_it_is_up(CapturedOutput output)
            throws Exception {
        // Given no PostgreSQL at the configured address
        int port = freePort();
        CompletableFuture<ConfigurableApplicationContext> starting =
                CompletableFuture.supplyAsync(() -> start(port, "2m"));

        // Then the service says, again and again, what it waits for, and does not give up
        await().atMost(Duration.ofSeconds(60)).until(() -> retriesLogged(output, port) >= 3);
        assertThat(starting).isNotDone();

        // When PostgreSQL comes up, the start completes
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(port, null);
                ConfigurableApplicationContext service = starting.get(90, TimeUnit.SECONDS)) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port") + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{\"status\":\"UP\"");
        }
    }

    @Test
    void past_the_limit_the_start_fails_naming_the_database_and_the_setting(CapturedOutput output) throws Exception {
        int port = freePort();

        CompletableFuture<ConfigurableApplicationContext> starting =
                CompletableFuture.supplyAsync(() -> start(port, "3s"));

        await().atMost(Duration.ofSeconds(60)).until(starting::isDone);
        assertThat(starting).isCompletedExceptionally();
        assertThat(output.getOut() + output.getErr())
                .contains("PostgreSQL at jdbc:postgresql://127.0.0.1:" + port + "/postgres did not accept a connection within 3s")
                .contains("portico.startup.wait-for-dependencies");
    }

    private ConfigurableApplicationContext start(int databasePort, String wait) {
        return CommandServiceApplication.application().run(
                "--server.port=0",
                "--PORTICO_DB_URL=jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres",
                "--PORTICO_DB_USER=postgres",
                "--PORTICO_DB_PASSWORD=postgres",
                "--PORTICO_STARTUP_WAIT=" + wait,
                "--PORTICO_KEYS_DIR=" + keys,
                "--PORTICO_APP_DIRECTORY=" + SAMPLE_APP,
                "--PORTICO_SECRET_DEV_JWT_SIGNING_KEY=startup-wait-test-key-startup-wait-test-key");
    }

    private static long retriesLogged(CapturedOutput output, int port) {
        return output.getOut().lines()
                .filter(line -> line.contains("Connection to 127.0.0.1:" + port + " refused"))
                .count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
