package dev.portico.query.api;

/** The read API has no credential configured and anonymous reads were not allowed. */
public class MissingCredentials extends IllegalStateException {
    MissingCredentials() {
        super("No credentials for the read API: configure portico.query.clients (name, token, scopes) or "
                + "portico.query.service-token (environment variable PORTICO_QUERY_SERVICE_TOKEN), or set "
                + "portico.query.allow-anonymous-reads=true to serve reads without authentication (development only).");
    }
}
