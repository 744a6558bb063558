package dev.portico.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.nio.file.Path;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
    static final AppRegistry TEST_APP = new AppRegistry(List.of(problems -> List.of(
            new App(new AppId("test-app"), "65aa00000000000000000099", Map.of()))));
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path keysDir;

    private final AccessTokenClaims claims = new AccessTokenClaims(UserId.generate(), SessionId.generate(),
            new AppId("test-app"), "65aa00000000000000000099", DeviceId.generate());

    private TokenProperties properties(String issuer) {
        return new TokenProperties(keysDir, null, issuer, Duration.ofMinutes(30), Duration.ofDays(60), Duration.ofSeconds(30), null);
    }

    private AccessTokens tokensAt(SigningKeys keys, Instant now) {
        return new AccessTokens(keys, properties("portico"), Clock.fixed(now, ZoneOffset.UTC), TEST_APP);
    }

    @Test
    void aTokenItIssuedVerifiesToTheSameClaims() {
        AccessTokens tokens = tokensAt(new SigningKeys(properties("portico")), ISSUED);

        assertThat(tokens.verify(tokens.issue(claims, Map.of("name", "Ada")))).isEqualTo(claims);
    }

    @Test
    void aTokenIsHonouredUntilTheClockSkewHasPassedAfterItsExpiry() {
        SigningKeys keys = new SigningKeys(properties("portico"));
        String token = tokensAt(keys, ISSUED).issue(claims, Map.of());
        Instant expiry = ISSUED.plus(Duration.ofMinutes(30));

        assertThat(tokensAt(keys, expiry.plusSeconds(29)).verify(token)).isEqualTo(claims);
        assertThatThrownBy(() -> tokensAt(keys, expiry.plusSeconds(30)).verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: access token expired");
    }

    @Test
    void aTokenForAnAppThisServiceDoesNotServeIsRefusedThoughItsSignatureIsGood() {
        SigningKeys keys = new SigningKeys(properties("portico"));
        var otherApp = new AccessTokenClaims(claims.userId(), claims.sessionId(), new AppId("retired-app"),
                claims.domainId(), claims.deviceId());
        String token = tokensAt(keys, ISSUED).issue(otherApp, Map.of());

        assertThatThrownBy(() -> tokensAt(keys, ISSUED).verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: token has invalid claims");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedThoughItsSignatureIsGood() {
        SigningKeys keys = new SigningKeys(properties("portico"));
        String foreign = new AccessTokens(keys, properties("elsewhere"), Clock.fixed(ISSUED, ZoneOffset.UTC), TEST_APP)
                .issue(claims, Map.of());

        assertThatThrownBy(() -> tokensAt(keys, ISSUED).verify(foreign)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: token has invalid claims");
    }

    @Test
    void aSignedTokenOfAnotherTypeOrWithoutItsSessionIsRefused() throws Exception {
        SigningKeys keys = new SigningKeys(properties("portico"));
        AccessTokens tokens = tokensAt(keys, ISSUED);

        for (UnaryOperator<JWTClaimsSet.Builder> change : List.<UnaryOperator<JWTClaimsSet.Builder>>of(
                b -> b.claim("typ", "refresh"), b -> b.claim("typ", null), b -> b.claim("sid", null), b -> b.audience((String) null))) {
            String token = resign(keys, tokens.issue(claims, Map.of()), change);

            assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidToken.class)
                    .hasMessage("invalid session: token has invalid claims");
        }
    }

    @Test
    void aTokenTheJdkSignedWithTheActiveKeyVerifies() throws Exception {
        SigningKeys keys = new SigningKeys(properties("portico"));
        AccessTokens tokens = tokensAt(keys, ISSUED);
        SignedJWT jwt = SignedJWT.parse(tokens.issue(claims, Map.of()));
        SignedJWT jdkSigned = new SignedJWT(jwt.getHeader(), jwt.getJWTClaimsSet());
        jdkSigned.sign(new ECDSASigner(keys.activeKey()));

        assertThat(tokens.verify(jdkSigned.serialize())).isEqualTo(claims);
    }

    @Test
    void aTokenMacedWithThePublicKeyIsRefused() throws Exception {
        SigningKeys keys = new SigningKeys(properties("portico"));
        AccessTokens tokens = tokensAt(keys, ISSUED);
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.activeKey().getKeyID())
                .type(JOSEObjectType.JWT).build(), SignedJWT.parse(tokens.issue(claims, Map.of())).getJWTClaimsSet());
        hs.sign(new MACSigner(keys.activeKey().toPublicJWK().toJSONString().getBytes()));

        assertThatThrownBy(() -> tokens.verify(hs.serialize())).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: signature is invalid");
    }

    @Test
    void aPayloadThatIsNoJsonObjectIsMalformed() {
        AccessTokens tokens = tokensAt(new SigningKeys(properties("portico")), ISSUED);
        String[] parts = tokens.issue(claims, Map.of()).split("\\.");

        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + Base64URL.encode("[1]") + "." + parts[2]))
                .isInstanceOf(InvalidToken.class).hasMessage("invalid session: malformed access token");
    }

    @Test
    void aClockSkewOverFiveMinutesIsAConfigurationError() {
        assertThatThrownBy(() -> new TokenProperties(keysDir, null, null, null, null, Duration.ofMinutes(6), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock-skew");
    }

    private static String resign(SigningKeys keys, String token, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        SignedJWT changed = new SignedJWT(jwt.getHeader(), change.apply(new JWTClaimsSet.Builder(jwt.getJWTClaimsSet())).build());
        changed.sign(keys.signer());
        return changed.serialize();
    }
}
