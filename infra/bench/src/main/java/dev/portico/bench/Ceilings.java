package dev.portico.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * What this machine can do at most, measured in the same run, so that figures from noisy or different
 * machines can be compared: durable single-row insert commits per second on the system's own PostgreSQL, and
 * Argon2id hashes per second at the password cost in use.
 */
final class Ceilings {
    /** Keycloak 26's default Argon2id cost, which Portico's password provider uses too. */
    static final int ARGON2_ITERATIONS = 5;
    static final int ARGON2_MEMORY_KIB = 7168;
    static final int ARGON2_PARALLELISM = 1;

    private Ceilings() {
    }

    /**
     * Single-row INSERT commits per second on one connection in autocommit mode, into a table of its own
     * (created here, dropped afterwards). A regular table, not a TEMPORARY one: temporary tables are not
     * WAL-logged, so their commits skip the WAL flush that every event-store append pays, and would report
     * a rate several times too high to be a ceiling for anything durable.
     */
    static PgInsertRate pgInsertCommitsPerSecond(String jdbcUrl, String user, String password, double seconds,
            Consumer<String> log) throws SQLException {
        String table = "portico_bench_insert_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() & 0xffffff);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(true);
            String synchronousCommit = setting(connection, "synchronous_commit");
            String fsync = setting(connection, "fsync");
            String version = setting(connection, "server_version").split(" ")[0];
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE " + table
                        + " (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (payload) VALUES (?)")) {
                insertFor(insert, Math.min(1.0, seconds / 4)); // warm-up: connection, plan, JIT
                log.accept("[ceiling] PostgreSQL single-row insert commits for " + seconds + "s");
                long start = System.nanoTime();
                long count = insertFor(insert, seconds);
                return new PgInsertRate(count / ((System.nanoTime() - start) / 1e9), synchronousCommit, fsync, version);
            } finally {
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("DROP TABLE IF EXISTS " + table);
                }
            }
        }
    }

    /** The insert rate and the server settings that decide it (a commit waits for a WAL flush or not). */
    record PgInsertRate(double commitsPerSecond, String synchronousCommit, String fsync, String version) {
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("SHOW " + name)) {
            return rs.next() ? rs.getString(1) : "na";
        }
    }

    private static long insertFor(PreparedStatement insert, double seconds) throws SQLException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        String payload = "{\"type\":\"bench\",\"n\":0}";
        while (System.nanoTime() - end < 0) {
            insert.setString(1, payload);
            insert.executeUpdate();
            count++;
        }
        return count;
    }

    /** Argon2id hashes per second on {@code threads} threads (one hash per thread at a time, p=1). */
    static double argon2idPerSecond(int threads, double seconds, Consumer<String> log) throws InterruptedException {
        hashFor(Math.min(1.0, seconds / 4)); // warm-up: JIT
        log.accept("[ceiling] Argon2id t=" + ARGON2_ITERATIONS + " m=" + ARGON2_MEMORY_KIB + "KiB p=" + ARGON2_PARALLELISM
                + " on " + threads + " threads for " + seconds + "s");
        AtomicLong total = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> total.addAndGet(hashFor(seconds)), "argon2-" + i);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        return total.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long hashFor(double seconds) {
        byte[] salt = new byte[16];
        new java.util.Random(42).nextBytes(salt);
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(ARGON2_ITERATIONS)
                .withMemoryAsKB(ARGON2_MEMORY_KIB)
                .withParallelism(ARGON2_PARALLELISM)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
        byte[] hash = new byte[32];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long count = 0;
        do {
            generator.generateBytes(password, hash);
            count++;
        } while (System.nanoTime() - end < 0);
        return count;
    }
}
