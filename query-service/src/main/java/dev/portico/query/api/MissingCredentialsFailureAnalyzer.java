package dev.portico.query.api;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the missing credentials into Spring Boot's short start-up report instead of a long stack trace. */
public class MissingCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingCredentials> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingCredentials cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set PORTICO_QUERY_SERVICE_TOKEN to the bearer token other services will present, configure "
                        + "portico.query.clients, or run with --spring.profiles.active=dev for the development token.",
                cause);
    }
}
