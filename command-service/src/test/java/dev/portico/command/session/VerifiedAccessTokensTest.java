package dev.portico.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import dev.portico.command.support.MutableClock;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verified access tokens are remembered: their next uses skip the signature check, never the other rules. */
class VerifiedAccessTokensTest {
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path keysDir;

    private final MutableClock clock = new MutableClock(ISSUED);
    private final AccessTokenClaims claims = new AccessTokenClaims(UserId.generate(), SessionId.generate(),
            new AppId("test-app"), "65aa00000000000000000099", DeviceId.generate());

    private TokenProperties properties(int cacheSize) {
        return new TokenProperties(keysDir, null, "portico", Duration.ofMinutes(30), Duration.ofDays(60),
                Duration.ofSeconds(30), cacheSize);
    }

    /** Signing keys whose verifiers count the signatures they check. */
    private static final class CountingKeys extends SigningKeys {
        final AtomicInteger signatureChecks = new AtomicInteger();

        CountingKeys(TokenProperties properties) {
            super(properties);
        }

        @Override
        JWSVerifierFactory verifierFactory() {
            JWSVerifierFactory real = super.verifierFactory();
            return new JWSVerifierFactory() {
                @Override
                public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
                    signatureChecks.incrementAndGet();
                    return real.createJWSVerifier(header, key);
                }

                @Override
                public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                    return real.supportedJWSAlgorithms();
                }

                @Override
                public JCAContext getJCAContext() {
                    return real.getJCAContext();
                }
            };
        }
    }

    @Test
    void aTokenVerifiedOnceVerifiesAgainWithoutASecondSignatureCheckToTheSameClaims() {
        CountingKeys keys = new CountingKeys(properties(100));
        AccessTokens tokens = new AccessTokens(keys, properties(100), clock, AccessTokensTest.TEST_APP);
        String token = tokens.issue(claims, Map.of("name", "Ada"));

        AccessTokenClaims first = tokens.verify(token);
        AccessTokenClaims second = tokens.verify(token);
        AccessTokenClaims third = tokens.verify(token);

        assertThat(keys.signatureChecks).hasValue(1);
        assertThat(first).isEqualTo(claims);
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void aRememberedTokenIsRefusedOnceExpiredWithTheSameMessageAsAnUnrememberedOne() {
        CountingKeys keys = new CountingKeys(properties(100));
        AccessTokens tokens = new AccessTokens(keys, properties(100), clock, AccessTokensTest.TEST_APP);
        AccessTokens uncached = new AccessTokens(keys, properties(0), clock, AccessTokensTest.TEST_APP);
        String token = tokens.issue(claims, Map.of());
        tokens.verify(token);

        clock.advance(Duration.ofMinutes(30).plusSeconds(29));
        assertThat(tokens.verify(token)).isEqualTo(claims);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: access token expired");
        assertThatThrownBy(() -> uncached.verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: access token expired");
    }

    @Test
    void aRememberedTokenOfARetiredKeyIsRefused() throws Exception {
        SigningKeys keys = new SigningKeys(properties(100));
        AccessTokens tokens = new AccessTokens(keys, properties(100), clock, AccessTokensTest.TEST_APP);
        String token = tokens.issue(claims, Map.of());
        assertThat(tokens.verify(token)).isEqualTo(claims);

        try (var files = Files.list(keysDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(keysDir.resolve("replacement.json"),
                new ECKeyGenerator(Curve.P_256).keyID("replacement").generate().toJSONString());
        keys.reload();

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: signature is invalid");
    }

    @Test
    void aReloadThatFindsTheSameKeysKeepsTheRememberedTokensButANewKeyHasThemCheckedOnceMore() throws Exception {
        CountingKeys keys = new CountingKeys(properties(100));
        AccessTokens tokens = new AccessTokens(keys, properties(100), clock, AccessTokensTest.TEST_APP);
        String token = tokens.issue(claims, Map.of());
        tokens.verify(token);

        keys.reload();
        tokens.verify(token);
        assertThat(keys.signatureChecks).hasValue(1);

        Files.writeString(keysDir.resolve("99990101T000000Z-new.json"),
                new ECKeyGenerator(Curve.P_256).keyID("99990101T000000Z-new").generate().toJSONString());
        keys.reload();
        assertThat(tokens.verify(token)).isEqualTo(claims);
        assertThat(tokens.verify(token)).isEqualTo(claims);
        assertThat(keys.signatureChecks).hasValue(2);
    }

    @Test
    void failuresAreNeverRemembered() {
        CountingKeys keys = new CountingKeys(properties(100));
        AccessTokens tokens = new AccessTokens(keys, properties(100), clock, AccessTokensTest.TEST_APP);
        String[] good = tokens.issue(claims, Map.of()).split("\\.");
        tokens.verify(String.join(".", good));
        assertThat(tokens.verifiedCacheSize()).isEqualTo(1);

        for (int i = 0; i < 50; i++) {
            String otherPayload = tokens.issue(claims, Map.of("n", i)).split("\\.")[1];
            String bogus = good[0] + "." + otherPayload + "." + good[2];
            assertThatThrownBy(() -> tokens.verify(bogus)).isInstanceOf(InvalidToken.class)
                    .hasMessage("invalid session: signature is invalid");
            assertThatThrownBy(() -> tokens.verify(bogus)).isInstanceOf(InvalidToken.class)
                    .hasMessage("invalid session: signature is invalid");
        }

        assertThat(tokens.verifiedCacheSize()).isEqualTo(1);
    }

    @Test
    void aSizeOfZeroChecksTheSignatureOnEveryUse() {
        CountingKeys keys = new CountingKeys(properties(0));
        AccessTokens tokens = new AccessTokens(keys, properties(0), clock, AccessTokensTest.TEST_APP);
        String token = tokens.issue(claims, Map.of());

        for (int i = 0; i < 3; i++) {
            assertThat(tokens.verify(token)).isEqualTo(claims);
        }

        assertThat(keys.signatureChecks).hasValue(3);
        assertThat(tokens.verifiedCacheSize()).isZero();
    }

    @Test
    void moreDistinctTokensThanTheMaximumKeepAtMostTheMaximum() {
        CountingKeys keys = new CountingKeys(properties(10));
        AccessTokens tokens = new AccessTokens(keys, properties(10), clock, AccessTokensTest.TEST_APP);

        for (int i = 0; i < 50; i++) {
            tokens.verify(tokens.issue(new AccessTokenClaims(UserId.generate(), SessionId.generate(),
                    claims.appId(), claims.domainId(), DeviceId.generate()), Map.of()));
        }

        assertThat(tokens.verifiedCacheSize()).isBetween(1L, 10L);
    }

    @Test
    void theCacheIsMeasuredInHitsMissesAndSize() {
        AccessTokens tokens = new AccessTokens(new SigningKeys(properties(100)), properties(100), clock,
                AccessTokensTest.TEST_APP);
        var registry = new SimpleMeterRegistry();
        tokens.bindTo(registry);
        String token = tokens.issue(claims, Map.of());

        tokens.verify(token);
        tokens.verify(token);
        tokens.verify(token);

        assertThat(registry.get("portico.tokens.verified.cache.lookups").tag("result", "hit").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("portico.tokens.verified.cache.lookups").tag("result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("portico.tokens.verified.cache.size").gauge().value()).isEqualTo(1);
    }

    @Test
    void aCacheSizeOutsideItsBoundsIsAConfigurationError() {
        assertThatThrownBy(() -> properties(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verified-cache-size");
        assertThatThrownBy(() -> properties(1_000_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verified-cache-size");
    }
}
