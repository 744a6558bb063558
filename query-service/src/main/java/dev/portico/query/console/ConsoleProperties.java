package dev.portico.query.console;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The admin console ({@code portico.query.console}).
 *
 * @param commandServiceUrl          where the command-service's operator API is; changes go there with the
 *                                   signed-in operator's own token
 * @param idleTimeout                a session unused this long is signed out
 * @param signInAttemptsPerMinute    sign-in attempts from one address in a minute
 */
@ConfigurationProperties("portico.query.console")
public record ConsoleProperties(URI commandServiceUrl, Duration idleTimeout, int signInAttemptsPerMinute) {
    public ConsoleProperties {
        commandServiceUrl = commandServiceUrl == null ? URI.create("http://127.0.0.1:8080") : commandServiceUrl;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(15) : idleTimeout;
        signInAttemptsPerMinute = signInAttemptsPerMinute <= 0 ? 10 : signInAttemptsPerMinute;
    }
}
