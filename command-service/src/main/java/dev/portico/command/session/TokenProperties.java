package dev.portico.command.session;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token settings ({@code portico.tokens.*}). Signing keys are JWK files in {@code keysDir}; the newest one
 * (by key id) signs unless {@code activeKeyId} names another, and all of them verify and are published.
 * {@code clockSkew} is how long past its expiry an access token is still honoured: any instance verifies what
 * another signed, and their clocks drift apart. {@code verifiedCacheSize} is how many verified access tokens
 * are remembered so that their next use skips the signature check (0: none).
 */
@ConfigurationProperties("portico.tokens")
public record TokenProperties(
        Path keysDir,
        String activeKeyId,
        String issuer,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Duration clockSkew,
        Integer verifiedCacheSize) {

    public TokenProperties {
        keysDir = keysDir == null ? Path.of(".portico", "keys") : keysDir;
        issuer = issuer == null || issuer.isBlank() ? "portico" : issuer;
        accessTokenLifetime = accessTokenLifetime == null ? Duration.ofMinutes(30) : accessTokenLifetime;
        refreshTokenLifetime = refreshTokenLifetime == null ? Duration.ofDays(60) : refreshTokenLifetime;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        verifiedCacheSize = verifiedCacheSize == null ? 10_000 : verifiedCacheSize;
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("portico.tokens.clock-skew must be between 0 and 5 minutes");
        }
        if (refreshTokenLifetime.compareTo(Duration.ofMinutes(30)) < 0 || refreshTokenLifetime.compareTo(Duration.ofDays(180)) > 0) {
            throw new IllegalArgumentException("portico.tokens.refresh-token-lifetime must be between 30 minutes and 180 days");
        }
        if (verifiedCacheSize < 0 || verifiedCacheSize > 1_000_000) {
            throw new IllegalArgumentException("portico.tokens.verified-cache-size must be between 0 and 1,000,000");
        }
    }
}
