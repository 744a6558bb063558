package dev.portico.command.provider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the OAuth providers are ({@code portico.oauth.*}) and how calls to them are bounded. Every URL is a
 * setting, so a deployment can reach them through a proxy and tests can put stand-ins in their place.
 * {@code timeout} bounds each call to a provider (key set, token endpoint, Graph API); a key set is kept for
 * {@code jwksCacheLifetime}, and a token signed by a key not in it fetches the set again at most twice per
 * {@code jwksRateLimit} (zero: no limit).
 */
@ConfigurationProperties("portico.oauth")
public record OAuthProperties(Duration timeout, Duration jwksCacheLifetime, Duration jwksRateLimit, Google google,
        Apple apple, Facebook facebook) {

    public OAuthProperties {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        jwksCacheLifetime = jwksCacheLifetime == null ? Duration.ofMinutes(15) : jwksCacheLifetime;
        jwksRateLimit = jwksRateLimit == null ? Duration.ofSeconds(30) : jwksRateLimit;
        google = google == null ? new Google(null, null, null, null) : google;
        apple = apple == null ? new Apple(null, null) : apple;
        facebook = facebook == null ? new Facebook(null) : facebook;
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("portico.oauth.timeout must be between 100ms and 30s");
        }
        if (jwksCacheLifetime.compareTo(Duration.ofMinutes(1)) < 0 || jwksCacheLifetime.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("portico.oauth.jwks-cache-lifetime must be between 1 minute and 1 day");
        }
        if (jwksRateLimit.isNegative() || jwksRateLimit.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("portico.oauth.jwks-rate-limit must be between 0 and 10 minutes");
        }
    }

    /**
     * Google's OpenID Connect endpoints. Its ID tokens name either issuer. {@code codeRedirectUri} is the
     * {@code redirect_uri} an {@code authCode} is exchanged with: it must be the one the client obtained the
     * code with, {@code postmessage} for Google Identity Services' pop-up code flow in a browser.
     */
    public record Google(List<String> issuers, URI jwksUri, URI tokenUri, String codeRedirectUri) {
        public Google {
            issuers = issuers == null || issuers.isEmpty()
                    ? List.of("https://accounts.google.com", "accounts.google.com") : List.copyOf(issuers);
            jwksUri = jwksUri == null ? URI.create("https://www.googleapis.com/oauth2/v3/certs") : jwksUri;
            tokenUri = tokenUri == null ? URI.create("https://oauth2.googleapis.com/token") : tokenUri;
            codeRedirectUri = codeRedirectUri == null ? "postmessage" : codeRedirectUri;
        }
    }

    /** Sign in with Apple: the issuer of its ID tokens and its key set. */
    public record Apple(String issuer, URI jwksUri) {
        public Apple {
            issuer = issuer == null || issuer.isBlank() ? "https://appleid.apple.com" : issuer;
            jwksUri = jwksUri == null ? URI.create("https://appleid.apple.com/auth/keys") : jwksUri;
        }
    }

    /**
     * Facebook's Graph API, for {@code debug_token} and {@code /me}. Unversioned, it answers in the version
     * the Facebook app is set to; {@code https://graph.facebook.com/v21.0} pins one.
     */
    public record Facebook(URI graphUrl) {
        public Facebook {
            graphUrl = graphUrl == null ? URI.create("https://graph.facebook.com") : graphUrl;
        }
    }
}
