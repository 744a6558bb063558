package dev.portico.stack;

/** Where a PostgreSQL server can be reached, whoever runs it. */
public record PostgresServer(String jdbcUrl, String username, String password) {
}
