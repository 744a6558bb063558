package dev.portico.systemtest;

import static org.awaitility.Awaitility.await;

import dev.portico.stack.EmbeddedKafka;
import dev.portico.stack.EmbeddedPostgres;
import dev.portico.stack.PostgresServer;
import dev.portico.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL and Kafka of this test's own (so that they can be restarted: the data survive), and the services
 * as separate JVMs from their executable jars with the production heap, as {@code ./portico} runs them.
 */
final class ProcessSystem implements AutoCloseable {
    /** Generous: four JVMs starting at once on two busy cores take minutes. */
    static final Duration START = Duration.ofMinutes(5);
    private static final Path COMMAND_JAR = Path.of(System.getProperty("portico.command.jar", "missing"));
    private static final Path QUERY_JAR = Path.of(System.getProperty("portico.query.jar", "missing"));

    private final Path work;
    private final int postgresPort;
    private final String serviceToken = "faults-" + UUID.randomUUID();
    private final String operatorToken = "operator-" + UUID.randomUUID();
    private final String customDataToken = "custom-data-" + UUID.randomUUID();
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private final EmbeddedKafka kafka;

    private ProcessSystem(Path work) {
        this.work = work;
        this.postgresPort = freePort();
        this.postgres = EmbeddedPostgres.start(postgresPort, work.resolve("postgres"));
        this.kafka = EmbeddedKafka.start(0, work.resolve("kafka"));
    }

    static ProcessSystem start(String name) {
        Path work = Path.of(System.getProperty("portico.e2e.work.dir", "target/e2e")).resolve(name + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(work.resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcessSystem(work);
    }

    /** Starts a command-service instance; every instance shares the one keys directory. */
    ServiceProcess startCommand(String name) {
        Map<String, String> settings = common();
        settings.put("PORTICO_KEYS_DIR", work.resolve("keys").toString());
        settings.put("PORTICO_APP_DIRECTORY", PorticoSystem.SAMPLE_APP.toString());
        settings.put("PORTICO_SECRET_DEV_JWT_SIGNING_KEY", PorticoSystem.DEV_JWT_SIGNING_KEY);
        // The clients all come from 127.0.0.1.
        settings.put("PORTICO_RATE_LIMIT_PER_ADDRESS", "0");
        settings.put("portico.operators[0].name", "system-test-operator");
        settings.put("portico.operators[0].token", operatorToken);
        settings.put("portico.services[0].name", "system-test-service");
        settings.put("portico.services[0].token", customDataToken);
        return started(ServiceProcess.start(name, COMMAND_JAR, "PORTICO_COMMAND_PORT", settings, work.resolve("logs")));
    }

    ServiceProcess startQuery(String name) {
        Map<String, String> settings = common();
        settings.put("PORTICO_QUERY_SERVICE_TOKEN", serviceToken);
        return started(ServiceProcess.start(name, QUERY_JAR, "PORTICO_QUERY_PORT", settings, work.resolve("logs")));
    }

    private ServiceProcess started(ServiceProcess service) {
        services.add(service);
        return service;
    }

    private Map<String, String> common() {
        PostgresServer database = database();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("PORTICO_DB_URL", database.jdbcUrl());
        settings.put("PORTICO_DB_USER", database.username());
        settings.put("PORTICO_DB_PASSWORD", database.password());
        settings.put("PORTICO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return settings;
    }

    static void awaitUp(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            await().atMost(START).until(() -> {
                if (!service.alive()) {
                    throw new IllegalStateException(service.name() + " exited; see " + service.log());
                }
                return service.health().up();
            });
        }
    }

    PostgresServer database() {
        return new PostgresServer("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "postgres");
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The read API's token. */
    String serviceToken() {
        return serviceToken;
    }

    /** The command-service's operator API token. */
    String operatorToken() {
        return operatorToken;
    }

    /** The token of the internal service that writes users' custom data. */
    String customDataToken() {
        return customDataToken;
    }

    void stopPostgres() {
        postgres.close();
        postgres = null;
    }

    void startPostgres() {
        postgres = EmbeddedPostgres.start(postgresPort, work.resolve("postgres"));
    }

    void stopKafka() {
        kafka.stop();
    }

    void startKafka() {
        kafka.start();
    }

    @Override
    public void close() {
        for (ServiceProcess service : services) {
            service.close();
        }
        kafka.close();
        if (postgres != null) {
            postgres.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
