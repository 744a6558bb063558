package dev.portico.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server from the zonky binaries, which also start as root (Debian's initdb refuses).
 * With a data directory the data survives restarts; without one it lives in a temporary directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedPostgres start(int port, Path dataDirectory) {
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                // Kept data must survive a crash like on any real server; the temporary kind is for tests,
                // where zonky's unsynchronised defaults are what makes them quick.
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            return new EmbeddedPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public static EmbeddedPostgres startTemporary() {
        return start(0, null);
    }

    public PostgresServer server() {
        return new PostgresServer(server.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
