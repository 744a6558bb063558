package dev.portico.query.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param serviceToken        the bearer token other services present to read (env PORTICO_QUERY_SERVICE_TOKEN)
 * @param allowAnonymousReads serve reads without a token when none is configured; for development only
 */
@ConfigurationProperties("portico.query")
public record ReadApiProperties(String serviceToken, boolean allowAnonymousReads) {
    public boolean hasServiceToken() {
        return serviceToken != null && !serviceToken.isBlank();
    }
}
