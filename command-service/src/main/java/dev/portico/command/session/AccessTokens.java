package dev.portico.command.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTProcessor;
import dev.portico.command.app.AppRegistry;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the short-lived ES256 access tokens. The claims follow App Services ({@code sub},
 * {@code typ}, {@code baas_device_id}, {@code baas_domain_id}, {@code user_data}) so the SDKs can decode them;
 * {@code sid} names the session, so revoking the session ends its access tokens too.
 *
 * <p>A client sends the same access token with every call for its lifetime, so a token that verified is
 * remembered (decision 0017) and its next uses skip parsing and the signature check; its expiry is still
 * checked on every use, and it is trusted only under the key set that verified it. Failures are never
 * remembered. This decides only that the token is genuine: whether its session is still open is for the caller
 * to look up, every time.
 */
@Component
public class AccessTokens implements MeterBinder {
    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "aud", "iat", "exp", "sid", "baas_device_id");

    private final SigningKeys keys;
    private final TokenProperties properties;
    private final Clock clock;
    private final JWTProcessor<SecurityContext> processor;
    /** By the token's SHA-256; null when {@code portico.tokens.verified-cache-size} is 0. */
    private final Cache<String, Verified> verified;

    /** A token that verified: honoured until its expiry plus the clock skew, under the key set it was checked by. */
    private record Verified(AccessTokenClaims claims, Instant honouredUntil, long keySetVersion) {
    }

    public AccessTokens(SigningKeys keys, TokenProperties properties, Clock clock, AppRegistry apps) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.processor = processor(keys, properties, clock, apps.clientAppIds());
        this.verified = properties.verifiedCacheSize() == 0 ? null : Caffeine.newBuilder()
                .maximumSize(properties.verifiedCacheSize())
                .expireAfter(Expiry.<String, Verified>writing(
                        (token, entry) -> Duration.between(clock.instant(), entry.honouredUntil())))
                .recordStats()
                // maintenance on the calling thread: handing it to the common pool woke a thread per few requests
                .executor(Runnable::run)
                .build();
    }

    public String issue(AccessTokenClaims claims, Map<String, Object> userData) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(claims.userId().value())
                .issuer(properties.issuer())
                .audience(claims.appId().value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.accessTokenLifetime())))
                .claim("typ", "access")
                .claim("sid", claims.sessionId().value())
                .claim("baas_domain_id", claims.domainId())
                .claim("baas_device_id", claims.deviceId().value());
        if (userData != null && !userData.isEmpty()) {
            builder.claim("user_data", userData);
        }
        var key = keys.activeKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), builder.build());
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** @throws InvalidToken with a message in App Services' wording when the token must be refused */
    public AccessTokenClaims verify(String token) {
        // App Services' wording for anything that is not a compact JWS, refresh tokens included
        if (token.chars().filter(c -> c == '.').count() != 2) {
            throw new InvalidToken("invalid session: token contains an invalid number of segments");
        }
        // No token of ours has a character beyond ASCII, and the hash of an ASCII string is as exact as the string
        String key = verified != null && isAscii(token) ? RefreshTokens.hash(token) : null;
        if (key == null) {
            return check(token, keys.keySetVersion()).claims();
        }
        Verified known = verified.getIfPresent(key);
        if (known != null && known.keySetVersion() == keys.keySetVersion()) {
            if (!known.honouredUntil().isAfter(clock.instant())) {
                throw expired();
            }
            return known.claims();
        }
        // The version is read before the check: keys changed during it leave the entry stale, never trusted
        Verified checked = check(token, keys.keySetVersion());
        verified.put(key, checked);
        return checked.claims();
    }

    private Verified check(String token, long keySetVersion) {
        JWTClaimsSet claims;
        try {
            // Parsing the claims first makes a payload that is not JSON a malformed token rather than a claims
            // failure; the processor reuses them.
            SignedJWT jwt = SignedJWT.parse(token);
            jwt.getJWTClaimsSet();
            claims = processor.process(jwt, null);
        } catch (ParseException e) {
            throw new InvalidToken("invalid session: malformed access token");
        } catch (ExpiredJWTException e) {
            throw expired();
        } catch (BadJWTException e) {
            throw new InvalidToken("invalid session: token has invalid claims");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidToken("invalid session: signature is invalid");
        }
        return new Verified(toClaims(claims), claims.getExpirationTime().toInstant().plus(properties.clockSkew()),
                keySetVersion);
    }

    private static InvalidToken expired() {
        return new InvalidToken("invalid session: access token expired");
    }

    private static boolean isAscii(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hit found the token remembered (and answered from memory unless the keys changed since); a miss checked
     * it in full, failures included.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        if (verified == null) {
            return;
        }
        Gauge.builder("portico.tokens.verified.cache.size", verified, Cache::estimatedSize)
                .description("verified access tokens remembered").register(registry);
        FunctionCounter.builder("portico.tokens.verified.cache.lookups", verified, c -> c.stats().hitCount())
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("portico.tokens.verified.cache.lookups", verified, c -> c.stats().missCount())
                .tag("result", "miss").register(registry);
    }

    /** How many verified tokens are remembered now, after pending evictions; 0 when none are. */
    long verifiedCacheSize() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** The audience is the client app id: a token of an app this service does not serve is refused. */
    private static JWTProcessor<SecurityContext> processor(SigningKeys keys, TokenProperties properties, Clock clock,
            Set<String> audiences) {
        JWTClaimsSet exactMatch = new JWTClaimsSet.Builder().issuer(properties.issuer()).claim("typ", "access").build();
        var claimsVerifier = new DefaultJWTClaimsVerifier<SecurityContext>(audiences, exactMatch, REQUIRED_CLAIMS,
                null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claimsVerifier.setMaxClockSkew(Math.toIntExact(properties.clockSkew().toSeconds()));
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys.verificationKeys()));
        processor.setJWSVerifierFactory(keys.verifierFactory());
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    private static AccessTokenClaims toClaims(JWTClaimsSet claims) {
        try {
            return new AccessTokenClaims(
                    new UserId(claims.getSubject()),
                    new SessionId(claims.getStringClaim("sid")),
                    new AppId(claims.getAudience().get(0)),
                    claims.getStringClaim("baas_domain_id"),
                    new DeviceId(claims.getStringClaim("baas_device_id")));
        } catch (ParseException | RuntimeException e) {
            throw new InvalidToken("invalid session: malformed access token");
        }
    }
}
