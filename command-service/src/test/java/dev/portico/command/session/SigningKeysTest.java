package dev.portico.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.testsupport.Races;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
    static final AppRegistry TEST_APP = new AppRegistry(List.of(problems -> List.of(
            new App(new AppId("test-app"), "65aa00000000000000000099", Map.of()))));
    @TempDir
    Path keysDir;

    private final AccessTokenClaims claims = new AccessTokenClaims(UserId.generate(), SessionId.generate(),
            new AppId("test-app"), "65aa00000000000000000099", DeviceId.NONE);

    private TokenProperties properties(String activeKeyId) {
        return new TokenProperties(keysDir, activeKeyId, "portico", Duration.ofMinutes(30), Duration.ofDays(60), null, null);
    }

    @Test
    void generatesAKeyWhenNoneIsConfiguredAndKeepsItAcrossRestarts() throws Exception {
        String first = new SigningKeys(properties(null)).activeKey().getKeyID();

        assertThat(keyFiles()).containsExactly(first + ".json");
        assertThat(new SigningKeys(properties(null)).activeKey().getKeyID()).isEqualTo(first);
    }

    @Test
    void instancesStartingTogetherOnAnEmptyDirectoryAllSignWithOneGeneratedKey() throws Exception {
        List<String> activeKeyIds = Races.inParallel(8, i -> () -> new SigningKeys(properties(null)).activeKey().getKeyID());

        assertThat(activeKeyIds).hasSize(8).containsOnly(activeKeyIds.get(0));
        assertThat(keyFiles()).containsExactly(activeKeyIds.get(0) + ".json");
    }

    private List<String> keyFiles() throws IOException {
        try (Stream<Path> files = Files.list(keysDir)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".json")).toList();
        }
    }

    @Test
    void rotatingInANewKeyKeepsTokensSignedWithTheOldOneValid() throws Exception {
        SigningKeys keys = new SigningKeys(properties(null));
        AccessTokens tokens = new AccessTokens(keys, properties(null), Clock.systemUTC(), TEST_APP);
        String oldToken = tokens.issue(claims, Map.of());
        String oldKeyId = keys.activeKey().getKeyID();

        var newKey = new ECKeyGenerator(Curve.P_256).keyID("99990101T000000Z-new").algorithm(JWSAlgorithm.ES256).generate();
        Files.writeString(keysDir.resolve("99990101T000000Z-new.json"), newKey.toJSONString());
        keys.reload();
        String newToken = tokens.issue(claims, Map.of());

        assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo("99990101T000000Z-new");
        assertThat(tokens.verify(oldToken).userId()).isEqualTo(claims.userId());
        assertThat(tokens.verify(newToken).userId()).isEqualTo(claims.userId());
        assertThat(keys.publicKeys().getKeys()).extracting(k -> k.getKeyID()).containsExactlyInAnyOrder(oldKeyId, "99990101T000000Z-new");
    }

    @Test
    void tokensOfARemovedKeyStopVerifying() throws Exception {
        SigningKeys keys = new SigningKeys(properties(null));
        AccessTokens tokens = new AccessTokens(keys, properties(null), Clock.systemUTC(), TEST_APP);
        String token = tokens.issue(claims, Map.of());

        try (var files = Files.list(keysDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        var replacement = new ECKeyGenerator(Curve.P_256).keyID("replacement").generate();
        Files.writeString(keysDir.resolve("replacement.json"), replacement.toJSONString());
        keys.reload();

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidToken.class)
                .hasMessage("invalid session: signature is invalid");
    }

    @Test
    void signsWithTheConfiguredKeyWhenOneIsNamed() throws Exception {
        for (String id : new String[] {"a-key", "b-key"}) {
            Files.writeString(keysDir.resolve(id + ".json"), new ECKeyGenerator(Curve.P_256).keyID(id).generate().toJSONString());
        }

        assertThat(new SigningKeys(properties("a-key")).activeKey().getKeyID()).isEqualTo("a-key");
        assertThat(new SigningKeys(properties(null)).activeKey().getKeyID()).isEqualTo("b-key");
    }

    @Test
    void refusesAKeyFileWithoutAPrivateKey() throws Exception {
        var key = new ECKeyGenerator(Curve.P_256).keyID("public-only").generate().toPublicJWK();
        Files.writeString(keysDir.resolve("public-only.json"), key.toJSONString());

        assertThatThrownBy(() -> new SigningKeys(properties(null))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a private P-256 EC JWK");
    }
}
