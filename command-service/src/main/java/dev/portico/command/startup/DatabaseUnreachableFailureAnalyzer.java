package dev.portico.command.startup;

import java.sql.SQLException;
import org.flywaydb.core.internal.exception.FlywaySqlException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/** The start-up report when PostgreSQL did not answer within the wait: what was waited for, how long, what to set. */
public class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<FlywaySqlException> {
    /** SQLSTATE class 08: connection exceptions (refused, unknown host, timed out). */
    private static final String CONNECTION_EXCEPTION = "08";

    private final Environment environment;

    public DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywaySqlException cause) {
        if (!(cause.getCause() instanceof SQLException sql) || sql.getSQLState() == null
                || !sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
            return null;
        }
        return new FailureAnalysis(
                "PostgreSQL at " + environment.getProperty("spring.datasource.url") + " did not accept a connection within "
                        + environment.getProperty("portico.startup.wait-for-dependencies") + ": " + sql.getMessage(),
                "Start PostgreSQL or correct PORTICO_DB_URL; to wait longer, raise portico.startup.wait-for-dependencies "
                        + "(PORTICO_STARTUP_WAIT).",
                cause);
    }
}
