package dev.portico.query.api;

/** The read API has no service token configured and anonymous reads were not allowed. */
public class MissingServiceToken extends IllegalStateException {
    MissingServiceToken() {
        super("No service token for the read API: set portico.query.service-token (environment variable "
                + "PORTICO_QUERY_SERVICE_TOKEN), or set portico.query.allow-anonymous-reads=true to serve reads "
                + "without authentication (development only).");
    }
}
