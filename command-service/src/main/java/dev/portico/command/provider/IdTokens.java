package dev.portico.command.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies an OpenID Connect ID token of one provider (Google, Apple) with nimbus-jose-jwt's processor: an
 * RS256 signature by a key of the provider's key set (fetched, cached and fetched again for a key id it does
 * not know), one of the provider's issuers, the app's client id as audience, and expiry with a minute of clock
 * skew. Nothing of a refused token is logged.
 */
final class IdTokens {
    /** Google's and Apple's ID tokens are 1 to 2 KB; a bigger one is not theirs. */
    static final int MAX_TOKEN_LENGTH = 8192;
    /** Longer than any provider's subject; keeps what is sealed and claimed bounded. */
    static final int MAX_SUBJECT_LENGTH = 255;
    private static final List<String> REQUIRED_CLAIMS = List.of("sub", "iss", "aud", "exp", "iat");
    private static final Logger log = LoggerFactory.getLogger(IdTokens.class);

    private final String provider;
    private final Set<String> issuers;
    private final Clock clock;
    private final JWKSource<SecurityContext> keys;
    private final Map<String, JWTProcessor<SecurityContext>> byClientId = new ConcurrentHashMap<>();

    IdTokens(String provider, URI jwksUri, Set<String> issuers, OAuthProperties properties, Clock clock) {
        this.provider = provider;
        this.issuers = new HashSet<>(issuers);
        this.clock = clock;
        int timeout = Math.toIntExact(properties.timeout().toMillis());
        JWKSourceBuilder<SecurityContext> builder;
        try {
            builder = JWKSourceBuilder.create(jwksUri.toURL(), new DefaultResourceRetriever(timeout, timeout, 64 * 1024));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the key set URL of " + provider + " is not a URL: " + jwksUri, e);
        }
        builder.cache(properties.jwksCacheLifetime().toMillis(), timeout).retrying(true);
        if (properties.jwksRateLimit().isZero()) {
            builder.rateLimited(false);
        } else {
            builder.rateLimited(properties.jwksRateLimit().toMillis());
        }
        this.keys = builder.build();
    }

    /** The verified claims. */
    JWTClaimsSet verify(String token, String clientId) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new MalformedCredentials(provider + ": id_token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
            jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("it is not a signed JWT");
        }
        JWTClaimsSet claims;
        try {
            claims = byClientId.computeIfAbsent(clientId, this::processor).process(jwt, null);
        } catch (ExpiredJWTException e) {
            throw refused("it has expired");
        } catch (BadJWTException e) {
            throw refused(reason(e));
        } catch (BadJOSEException e) {
            throw refused("its signature could not be verified");
        } catch (JOSEException e) {
            if (e instanceof KeySourceException && !causedBy(e, RateLimitReachedException.class)) {
                log.warn("{}: its key set could not be fetched ({})", provider, e.getClass().getSimpleName());
                throw new ProviderUnavailable(provider);
            }
            throw refused("its signature could not be verified");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw refused("its subject is empty or too long");
        }
        return claims;
    }

    private JWTProcessor<SecurityContext> processor(String clientId) {
        // Plain sets: the library asks them whether they contain null, which immutable sets answer with an exception.
        var claimsVerifier = new DefaultJWTClaimsVerifier<SecurityContext>(new HashSet<>(List.of(clientId)), null,
                new HashSet<>(REQUIRED_CLAIMS), null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }

            /** Google names either of two issuers, which an exact-match claim cannot express. */
            @Override
            public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
                super.verify(claims, context);
                if (!issuers.contains(claims.getIssuer())) {
                    throw new BadJWTException("JWT issuer rejected");
                }
            }
        };
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    /** nimbus's messages, in a few words a client can act on; they never repeat the token's values. */
    private static String reason(BadJWTException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("audience")) {
            return "it was issued for another client";
        }
        if (message.contains("issuer")) {
            return "it was issued by another issuer";
        }
        if (message.contains("required claims")) {
            return "it lacks required claims";
        }
        if (message.contains("before use time")) {
            return "it is not valid yet";
        }
        return "its claims are not valid";
    }

    private LoginRefused refused(String reason) {
        return new LoginRefused("AuthError", provider + ": invalid id_token: " + reason);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
