package dev.portico.stack;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The PostgreSQL and Kafka that integration tests talk to, one of each per test JVM: the servers named by
 * environment variables if any, otherwise containers where Docker runs, otherwise embedded real servers.
 *
 * <ul>
 *   <li>{@code PORTICO_TEST_JDBC_URL}, {@code PORTICO_TEST_JDBC_USER}, {@code PORTICO_TEST_JDBC_PASSWORD}</li>
 *   <li>{@code PORTICO_TEST_KAFKA_BOOTSTRAP_SERVERS}</li>
 * </ul>
 */
public final class TestBackends {
    private static PostgresServer postgres;
    private static String kafka;
    private static Boolean docker;

    private TestBackends() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = startPostgres(System.getenv());
        }
        return postgres;
    }

    /**
     * A new, empty database on the shared server, so that test classes (and reruns against an external
     * server) never see each other's tables, events or processor tokens.
     */
    public static PostgresServer freshDatabase(String prefix) {
        PostgresServer server = postgres();
        String name = (prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "")).toLowerCase(java.util.Locale.ROOT);
        try (var connection = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new PostgresServer(withDatabase(server.jdbcUrl(), name), server.username(), server.password());
    }

    public static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            // No database in the URL (the server's default): append one rather than cut into the host.
            return base + "/" + database + params;
        }
        return base.substring(0, slash + 1) + database + params;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = startKafka(System.getenv());
        }
        return kafka;
    }

    private static PostgresServer startPostgres(Map<String, String> env) {
        String url = env.get("PORTICO_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, env.getOrDefault("PORTICO_TEST_JDBC_USER", "postgres"),
                    env.getOrDefault("PORTICO_TEST_JDBC_PASSWORD", "postgres"));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        return embedded.server();
    }

    private static String startKafka(Map<String, String> env) {
        String servers = env.get("PORTICO_TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (servers != null && !servers.isBlank()) {
            return servers;
        }
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return container.getBootstrapServers();
        }
        EmbeddedKafka embedded = EmbeddedKafka.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        return embedded.bootstrapServers();
    }

    private static boolean dockerAvailable() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
        }
        return docker;
    }
}
