package dev.portico.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the backing services of a development system in one process: a PostgreSQL server, a KRaft Kafka
 * broker and an SMTP server that catches every outgoing message, each only when the environment does not
 * already name one. Data lives under the state directory (first argument) and survives restarts; caught mail
 * goes to {@code mail/} there, one text file per message. When all are up it writes {@code stack.env}
 * there, the settings the services need, and then runs until it is stopped.
 */
public final class DevStack {
    private DevStack() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        // Not named logback.xml: this jar is on the services' test class paths, whose logging is their own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev-stack-logback.xml");
        }
        Path state = Path.of(args.length > 0 ? args[0] : ".portico").toAbsolutePath();
        Files.createDirectories(state);
        Map<String, String> env = System.getenv();
        Map<String, String> settings = new LinkedHashMap<>();

        if (blank(env.get("PORTICO_DB_URL"))) {
            EmbeddedPostgres postgres = EmbeddedPostgres.start(intOr(env.get("PORTICO_DEV_PG_PORT"), 54329),
                    state.resolve("postgres"));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            PostgresServer server = postgres.server();
            settings.put("PORTICO_DB_URL", server.jdbcUrl());
            settings.put("PORTICO_DB_USER", server.username());
            settings.put("PORTICO_DB_PASSWORD", server.password());
        }
        if (blank(env.get("PORTICO_KAFKA_BOOTSTRAP_SERVERS"))) {
            EmbeddedKafka kafka = EmbeddedKafka.start(intOr(env.get("PORTICO_DEV_KAFKA_PORT"), 59092),
                    state.resolve("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
            settings.put("PORTICO_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        if (blank(env.get("PORTICO_MAIL_HOST"))) {
            EmbeddedMail mail = EmbeddedMail.start(intOr(env.get("PORTICO_DEV_MAIL_PORT"), 54325), state.resolve("mail"));
            Runtime.getRuntime().addShutdownHook(new Thread(mail::close));
            settings.put("PORTICO_MAIL_HOST", mail.host());
            settings.put("PORTICO_MAIL_PORT", String.valueOf(mail.smtpPort()));
        }

        Path envFile = state.resolve("stack.env");
        Path partial = state.resolve("stack.env.tmp");
        Files.writeString(partial, settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        Files.move(partial, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> envFile.toFile().delete()));
        System.out.println("backing services ready: " + settings.keySet());
        new CountDownLatch(1).await();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static int intOr(String value, int fallback) {
        return blank(value) ? fallback : Integer.parseInt(value.trim());
    }
}
