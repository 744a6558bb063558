package dev.portico.command.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.ConfigurationProblems.Problem;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.command.session.TokenProperties;
import dev.portico.events.identity.ProviderType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code checkConfiguration} says of custom-token settings, each problem under its field with its fix. */
class CustomJwtSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "app a, provider custom-token";
    private static final String KEY = "a-signing-key-of-thirty-two-characters-at-least";
    private static final String NO_ALGORITHM_FIX = "set config.signingAlgorithm to \"HS256\" or \"RS256\" with 1 to 3 "
            + "secret_config.signingKeys, or set config.useJWKURI to true with a config.jwkURI";
    private static final String JWK_URI_FIX = "set config.jwkURI to the https URL of the identity provider's JWK set";

    private final CustomJwtVerifier verifier = new CustomJwtVerifier(JSON, Clock.systemUTC(),
            new TokenProperties(null, null, null, null, null, null, null));

    private ConfigurationProblems check(String config, Map<String, List<String>> secrets, List<MetadataField> fields) {
        try {
            LoginProvider provider = new LoginProvider(ProviderType.CUSTOM_JWT, "custom-token", "p1", false,
                    (ObjectNode) JSON.readTree(config), secrets, fields, null, null);
            ConfigurationProblems problems = new ConfigurationProblems();
            problems.inFile(FILE);
            verifier.checkConfiguration(provider, problems);
            return problems;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<Problem> errors(String config, Map<String, List<String>> secrets) {
        return check(config, secrets, List.of()).errors();
    }

    private static Problem error(String field, String message, String fix) {
        return new Problem(FILE, field, message, fix);
    }

    @Test
    void acceptsTheShapesRealExportsHave() {
        assertThat(check("""
                {"audience": ["shop-api"], "requireAnyAudience": false, "signingAlgorithm": "HS256", "useJWKURI": false}""",
                Map.of("signingKeys", List.of(KEY, KEY + "2", KEY + "3")),
                List.of(new MetadataField(true, "email", "email"), new MetadataField(false, "profile.display_name", null)))
                .errors()).isEmpty();
        assertThat(errors("""
                {"audience": "", "signingAlgorithm": "HS256", "useJWKURI": "", "requireAnyAudience": "true"}""",
                Map.of("signingKey", List.of(KEY)))).as("legacy single key, strings for booleans").isEmpty();
        ConfigurationProblems jwks = check("""
                {"audience": ["firebase-project"], "useJWKURI": true, "signingAlgorithm": "",
                 "jwkURI": "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com"}""",
                Map.of("signingKeys", List.of(KEY)), List.of());
        assertThat(jwks.errors()).isEmpty();
        assertThat(jwks.warnings()).containsExactly(new Problem(FILE, "secret_config.signingKeys",
                "ignored: with useJWKURI the keys come from config.jwkURI", null));
        assertThat(errors("{\"useJWKURI\": true, \"jwkURI\": \"http://127.0.0.1:8081/jwks.json\"}", Map.of()))
                .as("a loopback identity provider").isEmpty();
    }

    @Test
    void needsEitherAnAlgorithmWithKeysOrAJwkUri() {
        assertThat(errors("{\"audience\": []}", Map.of())).containsExactly(error("config.signingAlgorithm",
                "no signing algorithm and no JWK URI: no token could be verified", NO_ALGORITHM_FIX));
        assertThat(errors("{\"signingAlgorithm\": \"ES256\"}", Map.of("signingKeys", List.of(KEY))))
                .containsExactly(error("config.signingAlgorithm", "unsupported signing algorithm 'ES256'", NO_ALGORITHM_FIX));
    }

    @Test
    void aJwkUriMustBeThereAndHttpsAndServeRs256() {
        assertThat(errors("{\"useJWKURI\": true}", Map.of())).containsExactly(
                error("config.jwkURI", "useJWKURI is true but there is no JWK URI", JWK_URI_FIX));
        assertThat(errors("{\"useJWKURI\": true, \"jwkURI\": \"http://idp.example.com/jwks.json\"}", Map.of()))
                .containsExactly(error("config.jwkURI", "'http://idp.example.com/jwks.json' is not an https URL",
                        JWK_URI_FIX));
        assertThat(errors("{\"useJWKURI\": true, \"jwkURI\": \"not a url\"}", Map.of()))
                .containsExactly(error("config.jwkURI", "'not a url' is not a URL", JWK_URI_FIX));
        assertThat(errors("{\"useJWKURI\": true, \"jwkURI\": \"https://idp.example.com/jwks\", \"signingAlgorithm\": \"HS256\"}",
                Map.of())).containsExactly(error("config.signingAlgorithm", "a JWK URI serves RS256 keys, not HS256",
                "remove config.signingAlgorithm or set it to \"RS256\""));
    }

    @Test
    void signingKeysAreOneToThreeOfTheRightFormAndNeverShown() {
        String fix = "name 1 to 3 secrets in secret_config.signingKeys and give the service their values";
        assertThat(errors("{\"signingAlgorithm\": \"HS256\"}", Map.of())).containsExactly(
                error("secret_config.signingKeys", "0 signing keys resolved; HS256 needs 1 to 3", fix));
        assertThat(errors("{\"signingAlgorithm\": \"HS256\"}", Map.of("signingKeys", List.of(KEY, KEY, KEY, KEY))))
                .containsExactly(error("secret_config.signingKeys", "4 signing keys resolved; HS256 needs 1 to 3", fix));
        List<Problem> badKeys = errors("{\"signingAlgorithm\": \"HS256\"}",
                Map.of("signingKeys", List.of(KEY, "too-short-secret", KEY.replace('-', '!'))));
        String keyFix = "give the secret a value of that form (the value is not shown here)";
        assertThat(badKeys).containsExactly(
                error("secret_config.signingKeys[1]", "an HS256 signing key must be 32 to 512 ASCII letters, digits, '_' or '-'", keyFix),
                error("secret_config.signingKeys[2]", "an HS256 signing key must be 32 to 512 ASCII letters, digits, '_' or '-'", keyFix));
        assertThat(badKeys.toString()).doesNotContain("too-short-secret").doesNotContain(KEY.replace('-', '!'));
    }

    @Test
    void rs256KeysArePublicRsaKeysOfAtLeast2048Bits() throws JOSEException {
        String rsaFix = "give the secret the identity provider's public key, e.g. -----BEGIN PUBLIC KEY-----…";
        assertThat(errors("{\"signingAlgorithm\": \"RS256\"}", Map.of("signingKeys", List.of(KEY))))
                .containsExactly(error("secret_config.signingKeys[0]",
                        "an RS256 signing key must be an RSA public key (PEM or JWK)", rsaFix));
        RSAKey small = new RSAKeyGenerator(1024, true).generate();
        assertThat(errors("{\"signingAlgorithm\": \"RS256\"}", Map.of("signingKeys", List.of(small.toPublicJWK().toJSONString()))))
                .containsExactly(error("secret_config.signingKeys[0]", "the RSA key has 1024 bits; at least 2048 are needed",
                        "use the identity provider's key of 2048 bits or more"));
        RSAKey good = new RSAKeyGenerator(2048).generate();
        assertThat(errors("{\"signingAlgorithm\": \"RS256\"}", Map.of("signingKeys", List.of(good.toPublicJWK().toJSONString()))))
                .isEmpty();
    }

    @Test
    void audienceAndFlagsOfTheWrongType() {
        assertThat(errors("{\"signingAlgorithm\": \"HS256\", \"audience\": 7, \"requireAnyAudience\": \"maybe\"}",
                Map.of("signingKeys", List.of(KEY)))).containsExactly(
                error("config.requireAnyAudience", "expected true or false, found \"maybe\"",
                        "write config.requireAnyAudience as true or false"),
                error("config.audience", "expected a string or a list of strings",
                        "write config.audience as e.g. [\"my-api\"], or [] for the client app id"));
        assertThat(errors("{\"signingAlgorithm\": \"HS256\", \"audience\": [\"ok\", 3]}", Map.of("signingKeys", List.of(KEY))))
                .containsExactly(error("config.audience", "every audience must be a non-empty string, found 3",
                        "list the expected aud values as strings, e.g. [\"my-api\"]"));
    }

    @Test
    void metadataFieldsNameAClaimAndFillDistinctShortFields() {
        assertThat(check("{\"signingAlgorithm\": \"HS256\"}", Map.of("signingKeys", List.of(KEY)), List.of(
                new MetadataField(true, " ", "x"),
                new MetadataField(false, "a.name", "n".repeat(64)),
                new MetadataField(false, "user.email", null),
                new MetadataField(false, "email", null))).errors()).containsExactly(
                error("metadata_fields[0].name", "a metadata field names no claim",
                        "set name to the claim's path, e.g. \"email\" or \"profile.display_name\""),
                error("metadata_fields[1].field_name", "'" + "n".repeat(64) + "' is 64 characters long",
                        "use a field_name shorter than 64 characters"),
                error("metadata_fields[3].field_name", "another metadata field also fills 'email'",
                        "give each metadata field its own field_name"));
    }

    @Test
    void pathsSplitOnDotsThatAreNotEscaped() {
        assertThat(CustomJwtVerifier.path("a.b\\.c.d")).containsExactly("a", "b.c", "d");
        assertThat(CustomJwtVerifier.path("https://example\\.com/id")).containsExactly("https://example.com/id");
    }
}
