package dev.portico.systemtest;

import dev.portico.command.CommandServiceApplication;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.query.QueryServiceApplication;
import dev.portico.stack.EmbeddedMail;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import dev.portico.testsupport.StoredEvents;
import dev.portico.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Both services, started for real in this JVM on random ports, against the PostgreSQL and Kafka of
 * {@link TestBackends}. Every instance gets a database of its own, so runs do not see each other's data.
 */
final class PorticoSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PorticoSystem.class);
    /** The app the development system serves: the checked-in sample export, whose client app id this is. */
    static final String APP_ID = "portico-dev";
    static final java.nio.file.Path SAMPLE_APP = java.nio.file.Path.of("../sample-app").toAbsolutePath().normalize();
    /** The sample app's custom JWT provider names this secret. */
    static final String DEV_JWT_SIGNING_KEY = java.util.UUID.randomUUID().toString().replace("-", "")
            + java.util.UUID.randomUUID().toString().replace("-", "");
    /**
     * The payload types of the user lifecycle events in the event store (the events' class names): the only
     * place these tests name event classes.
     */
    static final String USER_REGISTERED = UserRegistered.class.getName();
    static final String USER_DELETED = UserDeleted.class.getName();
    /** Every payload type the query-service announces on the lifecycle topic (see shared-events' contract). */
    static final List<String> ANNOUNCED = List.of(USER_REGISTERED, USER_DELETED, IdentityLinked.class.getName(),
            UserDisabled.class.getName(), UserEnabled.class.getName(), CustomDataChanged.class.getName());

    /** The operator of the operator API, and of the console. */
    static final String OPERATOR = "e2e-operator";

    private final PostgresServer postgres;
    private final String kafkaBootstrapServers;
    /** The SMTP server the command-service sends confirmation and reset mail to; it writes each to a file. */
    private final EmbeddedMail mail;
    private final Path mailDir;
    private final Path keysDir;
    private final String serviceToken;
    private final String jwtSigningKey;
    private final String operatorToken;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final StandInProviders providers = new StandInProviders();
    private ConfigurableApplicationContext command;
    private ConfigurableApplicationContext query;

    private PorticoSystem(PostgresServer postgres, String kafka, Path keysDir, Path mailDir) {
        this.postgres = postgres;
        this.kafkaBootstrapServers = kafka;
        this.keysDir = keysDir;
        this.mailDir = mailDir;
        this.mail = EmbeddedMail.start(0, mailDir);
        this.serviceToken = "e2e-" + UUID.randomUUID();
        this.jwtSigningKey = "e2e-jwt-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        this.operatorToken = "e2e-operator-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    static PorticoSystem start(Path workDir) throws IOException {
        long started = System.nanoTime();
        PostgresServer database = TestBackends.freshDatabase("portico_e2e");
        String kafka = TestBackends.kafkaBootstrapServers();
        log.info("backends ready in {} ms: {} / {}", (System.nanoTime() - started) / 1_000_000, database.jdbcUrl(), kafka);
        Files.createDirectories(workDir);
        Path keys = Files.createTempDirectory(workDir, "keys-");
        PorticoSystem system = new PorticoSystem(database, kafka, keys, Files.createTempDirectory(workDir, "mail-"));
        try {
            // APP_ID comes with every provider from an app source, as an exported app would; the app of the
            // service's own settings takes another id, as two definitions of one app stop the start.
            Map<String, String> commandSettings = new LinkedHashMap<>(system.providers.commandSettings());
            commandSettings.put("PORTICO_APP_ID", "portico-settings-app");
            commandSettings.put("portico.operators[0].name", OPERATOR);
            commandSettings.put("portico.operators[0].token", system.operatorToken);
            commandSettings.put("PORTICO_MAIL_HOST", system.mail.host());
            commandSettings.put("PORTICO_MAIL_PORT", Integer.toString(system.mail.smtpPort()));
            // One class path holds both services here, and with it the query-service's Spring Security, which the
            // command-service does not use: left on, its defaults would guard every client endpoint.
            commandSettings.put("spring.autoconfigure.exclude", String.join(",",
                    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration"));
            AppSource apps = system.providers.appSource();
            system.command = system.run(CommandServiceApplication.application().sources(SystemTestApps.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("standInApps", apps))::run,
                    "PORTICO_COMMAND_PORT", commandSettings);
            // The operator signs in to the console with the same name and token, a read API credential there.
            system.query = system.run(QueryServiceApplication.application()::run, "PORTICO_QUERY_PORT", Map.of(
                    "PORTICO_QUERY_JWKS_URI", "http://127.0.0.1:" + port(system.command) + "/.well-known/jwks.json",
                    "portico.query.clients[0].name", OPERATOR,
                    "portico.query.clients[0].token", system.operatorToken,
                    "portico.query.clients[0].scopes", "users:read,profiles:read,custom-data:read,sessions:read,"
                            + "history:read,admin",
                    "portico.query.console.command-service-url", system.commandUrl()));
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
        log.info("both services up in {} ms: command {}, query {}", (System.nanoTime() - started) / 1_000_000,
                system.commandUrl(), system.queryUrl());
        return system;
    }

    /**
     * Settings go in as command-line arguments: they outrank the services' configuration files and any
     * PORTICO_* variables of the environment this test runs in.
     */
    private ConfigurableApplicationContext run(Function<String[], ConfigurableApplicationContext> app, String portVariable,
            Map<String, String> serviceSettings) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put(portVariable, "0");
        settings.put("PORTICO_DB_URL", postgres.jdbcUrl());
        settings.put("PORTICO_DB_USER", postgres.username());
        settings.put("PORTICO_DB_PASSWORD", postgres.password());
        settings.put("PORTICO_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        settings.put("PORTICO_KEYS_DIR", keysDir.toString());
        settings.put("PORTICO_APP_DIRECTORY", SAMPLE_APP.toString());
        // The realm-web tests log many users in from one address.
        settings.put("PORTICO_RATE_LIMIT_PER_ADDRESS", "0");
        settings.put("PORTICO_SECRET_DEV_JWT_SIGNING_KEY", DEV_JWT_SIGNING_KEY);
        settings.put("PORTICO_QUERY_SERVICE_TOKEN", serviceToken);
        settings.putAll(serviceSettings);
        settings.put(SystemTestApps.SIGNING_KEY_PROPERTY, jwtSigningKey);
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = app.apply(args);
        contexts.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("the service has no web server port");
        }
        return Integer.parseInt(port);
    }

    String commandUrl() {
        return "http://127.0.0.1:" + port(command);
    }

    String queryUrl() {
        return "http://127.0.0.1:" + port(query);
    }

    String serviceToken() {
        return serviceToken;
    }

    /** The HS256 key of the custom-token provider of {@link SystemTestApps#TOKENS_APP}. */
    String jwtSigningKey() {
        return jwtSigningKey;
    }

    /** The token of the operator API's one operator ({@link #OPERATOR}), also the console's. */
    String operatorToken() {
        return operatorToken;
    }

    /** The token of the internal service that writes users' custom data (the service API). */
    String customDataToken() {
        return providers.serviceToken();
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    Path keysDir() {
        return keysDir;
    }

    /** Where every message the command-service sent is written, one text file each (as under ./portico up). */
    Path mailDir() {
        return mailDir;
    }

    /** Every app the command-service serves, with its resolved secrets. */
    Collection<App> apps() {
        return command.getBean(AppRegistry.class).all();
    }

    /** The database both services write to (each run has its own). */
    DataSource database() {
        return new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    /** What the realm-web tests need of the identity-provider and function stand-ins. */
    Map<String, String> standInEnvironment() {
        return providers.nodeEnvironment();
    }

    /**
     * The identifiers of the users' lifecycle events in the command-service's event store, in order, by user:
     * {@link #USER_REGISTERED} and {@link #USER_DELETED} events of {@link #APP_ID} only (the API-key and JWT
     * tests have an app of their own, {@link SystemTestApps#TOKENS_APP}).
     */
    Map<String, UserEvents> userLifecycleEvents() {
        JdbcClient jdbc = JdbcClient.create(database());
        Map<String, UserEvents> users = new LinkedHashMap<>();
        for (StoredEvents.Stored event : new StoredEvents(jdbc).ofTypesInApp(APP_ID, USER_REGISTERED, USER_DELETED)) {
            UserEvents events = users.computeIfAbsent(event.aggregateIdentifier(),
                    id -> new UserEvents(new ArrayList<>(), new ArrayList<>()));
            (USER_REGISTERED.equals(event.payloadType()) ? events.registered() : events.deleted())
                    .add(event.eventIdentifier());
        }
        return users;
    }

    /** How many user lifecycle events of any app the event store holds: each becomes a record on the topic. */
    long lifecycleEventsInStore() {
        return JdbcClient.create(database()).sql("SELECT count(*) FROM domain_event_entry WHERE payload_type IN (:types)")
                .param("types", ANNOUNCED).query(Long.class).single();
    }

    /** The event identifiers of one user's registration and deletion events. */
    record UserEvents(List<String> registered, List<String> deleted) {
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                log.warn("closing a service failed", e);
            }
        }
        contexts.clear();
        providers.close();
        mail.close();
        try {
            TestDatabase.drop(postgres);
        } catch (RuntimeException e) {
            log.warn("could not drop the test database {}", postgres.jdbcUrl(), e);
        }
    }
}
