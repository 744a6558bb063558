package dev.portico.command.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the short-lived ES256 access tokens. The claims follow App Services ({@code sub},
 * {@code typ}, {@code baas_device_id}, {@code baas_domain_id}, {@code user_data}) so the SDKs can decode them;
 * {@code sid} names the session, so revoking the session ends its access tokens too.
 */
@Component
public class AccessTokens {
    private final SigningKeys keys;
    private final TokenProperties properties;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
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
        if (token.chars().filter(c -> c == '.').count() != 2) {
            throw new InvalidToken("invalid session: token contains an invalid number of segments");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidToken("invalid session: malformed access token");
        }
        JWSVerifier verifier = keys.verifier(jwt.getHeader().getKeyID())
                .orElseThrow(() -> new InvalidToken("invalid session: signature is invalid"));
        try {
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new InvalidToken("invalid session: signature is invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidToken("invalid session: signature is invalid");
        }
        return toClaims(claims);
    }

    private AccessTokenClaims toClaims(JWTClaimsSet claims) {
        try {
            if (!"access".equals(claims.getStringClaim("typ"))) {
                throw new InvalidToken("invalid session: incorrect token type");
            }
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
                throw new InvalidToken("invalid session: access token expired");
            }
            return new AccessTokenClaims(
                    new UserId(claims.getSubject()),
                    new SessionId(claims.getStringClaim("sid")),
                    new AppId(claims.getAudience().get(0)),
                    claims.getStringClaim("baas_domain_id"),
                    new DeviceId(claims.getStringClaim("baas_device_id")));
        } catch (ParseException | RuntimeException e) {
            if (e instanceof InvalidToken invalid) {
                throw invalid;
            }
            throw new InvalidToken("invalid session: malformed access token");
        }
    }
}
