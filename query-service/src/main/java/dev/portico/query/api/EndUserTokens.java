package dev.portico.query.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.portico.events.AppId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies end users' access tokens as the command-service issued them: ES256, signed by a key of its JWKS
 * (fetched from {@code portico.query.jwks-uri}, cached, refreshed when an unknown key id appears), with this
 * issuer, {@code typ} {@code access}, not expired.
 */
final class EndUserTokens {
    private static final Logger log = LoggerFactory.getLogger(EndUserTokens.class);
    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "aud", "iat", "exp", "sid");

    /** A caller that authenticated with its own access token. */
    record EndUser(UserId userId, SessionId sessionId, AppId appId) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor;

    EndUserTokens(URI jwksUri, String issuer) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(), new DefaultResourceRetriever(2000, 2000,
                    64 * 1024)).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("portico.query.jwks-uri is not a URL: " + jwksUri);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).claim("typ", "access").build(), REQUIRED_CLAIMS, null));
    }

    /** The caller, or empty when the token is not a valid access token (or cannot be checked now). */
    Optional<EndUser> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new EndUser(new UserId(claims.getSubject()), new SessionId(claims.getStringClaim("sid")),
                    new AppId(claims.getAudience().get(0))));
        } catch (ParseException | BadJOSEException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (JOSEException e) {
            log.warn("Access tokens cannot be verified: the JWKS could not be read ({})", e.getMessage());
            return Optional.empty();
        }
    }
}
