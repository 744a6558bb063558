package dev.portico.query.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the read API, and how long it waits for a consistency token.
 *
 * @param clients             service credentials, each with a name, a token and scopes
 * @param serviceToken        the single token of earlier versions (env PORTICO_QUERY_SERVICE_TOKEN): one more
 *                            client, named {@code service}, with the read scopes
 * @param allowAnonymousReads with no credential configured at all, serve the read scopes without a token;
 *                            development only
 * @param jwksUri             the command-service's JWKS, which verifies end users' access tokens; unset: end users
 *                            cannot use the read API
 * @param tokenIssuer         the {@code iss} of those access tokens (the command-service's
 *                            {@code portico.tokens.issuer})
 * @param consistencyWait     how long a request carrying a consistency token waits for the read models
 */
@ConfigurationProperties("portico.query")
public record ReadApiProperties(List<Client> clients, String serviceToken, boolean allowAnonymousReads, URI jwksUri,
        String tokenIssuer, Duration consistencyWait) {

    public ReadApiProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        tokenIssuer = tokenIssuer == null || tokenIssuer.isBlank() ? "portico" : tokenIssuer;
        consistencyWait = consistencyWait == null ? Duration.ofSeconds(5) : consistencyWait;
        if (consistencyWait.isNegative() || consistencyWait.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("portico.query.consistency-wait must be between 0 and 30 seconds");
        }
    }

    /**
     * @param token {@code sha256:<64 hex digits>} (the digest of the token callers present), or the token itself,
     *              at least 32 characters
     */
    public record Client(String name, String token, Set<String> scopes) {
    }

    boolean hasServiceToken() {
        return serviceToken != null && !serviceToken.isBlank();
    }
}
