package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.api.ApiKeysTest.login;
import static dev.portico.command.support.KeysAndTokensApps.ALL_AUDIENCES_APP;
import static dev.portico.command.support.KeysAndTokensApps.ANY_AUDIENCE_APP;
import static dev.portico.command.support.KeysAndTokensApps.AUDIENCE;
import static dev.portico.command.support.KeysAndTokensApps.DEFAULT_AUDIENCE_APP;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.RSA_KEY;
import static dev.portico.command.support.KeysAndTokensApps.RSA_KEY_APP;
import static dev.portico.command.support.KeysAndTokensApps.SECOND_SIGNING_KEY;
import static dev.portico.command.support.KeysAndTokensApps.SIGNING_KEY;
import static dev.portico.command.support.KeysAndTokensApps.jwks;
import static dev.portico.command.support.KeysAndTokensApps.jwksApp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.JwksServer;
import dev.portico.command.support.Jwts;
import dev.portico.command.support.KeysAndTokensApps;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Custom JWT logins against the real service: tokens signed with nimbus-jose-jwt, key sets served by a real
 * HTTP server on the loopback interface.
 */
@CommandServiceTest
@WithKeysAndTokens
class CustomJwtLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVALID = "invalid custom auth token: ";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    @AfterAll
    static void releaseStalledKeySet() {
        JwksServer.instance().releaseStalled();
    }

    Response logIn(String app, String token) {
        return api.post(login(app, "custom-token"), null,
                "{\"token\":\"" + token + "\",\"options\":{\"device\":{\"platform\":\"node\"}}}");
    }

    static String subject() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A token of the keys app's identity provider, with the e-mail its metadata requires. */
    static JWTClaimsSet.Builder claims(String subject) {
        return Jwts.claims(subject, AUDIENCE).claim("email", subject);
    }

    JsonNode profile(Response login) {
        return api.get("/api/client/v2.0/auth/profile", login.text("access_token")).json();
    }

    /** A refusal: 401 AuthError with the message, and nothing written. */
    void assertRefused(String app, String token, String reason) {
        long before = events.count();
        assertError(logIn(app, token), 401, "AuthError", INVALID + reason);
        assertThat(events.count()).isEqualTo(before);
    }

    @Nested
    class Logins {
        @Test
        void theSubjectIsTheIdentityAndTheMetadataIsCopiedUnderItsFieldNames() {
            String subject = subject();
            String token = Jwts.hs256(SIGNING_KEY, claims(subject)
                    .claim("profile", Map.of("display_name", "Alice A.", "locale", "fr"))
                    .claim("https://example.com/tier", "gold")
                    .claim("unmapped", "not copied").build());

            Response login = logIn(KEYS_APP, token);

            assertThat(login.status()).as(login.body()).isEqualTo(200);
            JsonNode profile = profile(login);
            assertThat(profile.get("type").asText()).isEqualTo("normal");
            assertThat(profile.get("identities")).hasSize(1);
            assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(subject);
            assertThat(profile.get("identities").get(0).get("provider_type").asText()).isEqualTo("custom-token");
            // The escaped dot keeps the claim name whole, and without a field_name it is the field's name too.
            assertThat(profile.get("data")).isEqualTo(JSON.createObjectNode().put("email", subject)
                    .put("name", "Alice A.").put("https://example.com/tier", "gold"));
        }

        @Test
        void theSameSubjectIsTheSameUserAndItsMetadataIsRefreshedWhenItChanges() {
            String subject = subject();
            Response first = logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject)
                    .claim("profile", Map.of("display_name", "Bob")).build()));
            String user = first.text("user_id");

            Response same = logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject)
                    .claim("profile", Map.of("display_name", "Bob")).build()));
            Response renamed = logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject)
                    .claim("profile", Map.of("display_name", "Robert")).build()));

            assertThat(same.text("user_id")).isEqualTo(user);
            assertThat(renamed.text("user_id")).isEqualTo(user);
            assertThat(profile(renamed).get("data")).isEqualTo(JSON.createObjectNode().put("email", subject)
                    .put("name", "Robert"));
            assertThat(events.typesOf(user)).containsExactly("UserRegistered", "IdentityLinked", "SessionIssued",
                    "SessionIssued", "IdentityProfileUpdated", "SessionIssued");

            Response dropped = logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject).build()));

            assertThat(profile(dropped).get("data")).isEqualTo(JSON.createObjectNode().put("email", subject));
        }

        @Test
        void anyConfiguredSigningKeyWillDoAndAKeyIdInTheHeaderDoesNotMatter() {
            Response second = logIn(KEYS_APP, Jwts.hs256(SECOND_SIGNING_KEY, claims(subject()).build()));
            Response withKid = logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY,
                    new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("idp-key-7").build(), claims(subject()).build()));

            assertThat(second.status()).as(second.body()).isEqualTo(200);
            assertThat(withKid.status()).as(withKid.body()).isEqualTo(200);
        }

        @Test
        void aTokenJustPastItsExpiryIsWithinTheClockSkew() {
            Instant now = Instant.now();
            Response login = logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject())
                    .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(10)))
                    .notBeforeTime(Date.from(now.plusSeconds(10))).build()));

            assertThat(login.status()).as(login.body()).isEqualTo(200);
        }

        @Test
        void anAnonymousUserLinksATokenIdentityAndGetsItsMetadata() {
            Response anonymous = api.anonymousLogin(KEYS_APP);
            String subject = subject();

            Response link = api.post(login(KEYS_APP, "custom-token") + "?link=true", anonymous.text("access_token"),
                    "{\"token\":\"" + Jwts.hs256(SIGNING_KEY, claims(subject).build()) + "\"}");

            assertThat(link.status()).as(link.body()).isEqualTo(200);
            assertThat(link.text("user_id")).isEqualTo(anonymous.text("user_id"));
            assertThat(profile(anonymous).get("data")).isEqualTo(JSON.createObjectNode().put("email", subject));
            assertThat(logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject).build())).text("user_id"))
                    .isEqualTo(anonymous.text("user_id"));
        }
    }

    @Nested
    class Refusals {
        @Test
        void aTokenSignedWithAnotherKey() {
            assertRefused(KEYS_APP, Jwts.hs256("some-other-key-of-at-least-thirty-two-chars", claims(subject()).build()),
                    "Signed JWT rejected: Invalid signature");
        }

        @Test
        void anExpiredToken() {
            Instant now = Instant.now();
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).issueTime(Date.from(now.minusSeconds(3600)))
                    .expirationTime(Date.from(now.minusSeconds(120))).build()), "the token has expired");
        }

        @Test
        void aTokenNotYetValid() {
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject())
                    .notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build()), "JWT before use time");
        }

        @Test
        void aTokenIssuedInTheFuture() {
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject())
                    .issueTime(Date.from(Instant.now().plusSeconds(300))).build()), "JWT issued in the future");
        }

        @Test
        void aTokenForAnotherAudience() {
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).audience("someone-else").build()),
                    "JWT audience rejected: [someone-else]");
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).audience((String) null).build()),
                    "JWT missing required audience");
        }

        @Test
        void aTokenWithoutSubjectOrExpiry() {
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).subject(null).build()),
                    "JWT missing required claims: [sub]");
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).expirationTime(null).build()),
                    "JWT missing required claims: [exp]");
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).subject(" ").build()), "JWT sub is empty");
        }

        @Test
        void aTokenWithoutARequiredMetadataField() {
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject()).claim("email", null).build()),
                    "required metadata field 'email' is missing");
        }

        @Test
        void aMetadataFieldOverTheLimit() {
            assertRefused(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject())
                            .claim("profile", Map.of("display_name", "x".repeat(4097))).build()),
                    "metadata field 'profile.display_name' is longer than 4096 characters");
            assertThat(logIn(KEYS_APP, Jwts.hs256(SIGNING_KEY, claims(subject())
                    .claim("profile", Map.of("display_name", "x".repeat(4096))).build())).status()).isEqualTo(200);
        }

        @Test
        void aTokenLargerThanABodyMayBeIsTooLarge() {
            long before = events.count();

            assertError(api.post(login(KEYS_APP, "custom-token"), null, "{\"token\":\"" + "e".repeat(1_000_001) + "\"}"),
                    413, "BadRequest", "the request body is larger than 65536 bytes");
            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void somethingThatIsNotASignedJwt() {
            assertRefused(KEYS_APP, "not-a-token", "the token is not a signed JWT");
            assertRefused(KEYS_APP, new PlainJWT(claims(subject()).build()).serialize(), "the token is not a signed JWT");
            assertRefused(KEYS_APP, "", "no token");
            long before = events.count();
            assertError(api.post(login(KEYS_APP, "custom-token"), null, "{\"token\":{\"$numberInt\":\"1\"}}"), 401,
                    "AuthError", INVALID + "no token");
            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void aTokenOfAnotherAlgorithm() {
            assertRefused(KEYS_APP, Jwts.rs256(RSA_KEY, claims(subject()).build()),
                    "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
        }
    }

    @Nested
    class Audiences {
        @Test
        void anyOneOfTheAudiencesWillDoWhenTheProviderSaysSo() {
            assertThat(logIn(ANY_AUDIENCE_APP, Jwts.hs256(SIGNING_KEY, Jwts.claims(subject(), "aud-b").build())).status())
                    .isEqualTo(200);
        }

        @Test
        void otherwiseTheTokenMustNameThemAll() {
            assertRefused(ALL_AUDIENCES_APP, Jwts.hs256(SIGNING_KEY, Jwts.claims(subject(), "aud-b").build()),
                    "JWT audience rejected: every one of [aud-a, aud-b] is required");
            assertThat(logIn(ALL_AUDIENCES_APP, Jwts.hs256(SIGNING_KEY, Jwts.claims(subject(), "aud-b")
                    .audience(List.of("aud-b", "aud-a", "aud-c")).build())).status()).isEqualTo(200);
        }

        @Test
        void withoutConfiguredAudiencesTheClientAppIdIsExpected() {
            assertThat(logIn(DEFAULT_AUDIENCE_APP, Jwts.hs256(SIGNING_KEY,
                    Jwts.claims(subject(), DEFAULT_AUDIENCE_APP).build())).status()).isEqualTo(200);
            assertRefused(DEFAULT_AUDIENCE_APP, Jwts.hs256(SIGNING_KEY, Jwts.claims(subject(), AUDIENCE).build()),
                    "JWT audience rejected: [" + AUDIENCE + "]");
        }
    }

    @Nested
    class RsaKeys {
        @Test
        void aConfiguredPublicKeyVerifiesRs256Tokens() {
            assertThat(logIn(RSA_KEY_APP, Jwts.rs256(RSA_KEY, Jwts.claims(subject(), "rsa-api").build())).status())
                    .isEqualTo(200);
            assertRefused(RSA_KEY_APP, Jwts.rs256(Jwts.rsaKey("rsa-secret-key"), Jwts.claims(subject(), "rsa-api").build()),
                    "Signed JWT rejected: Invalid signature");
        }

        @Test
        void thePublicKeyIsNoHmacSecret() {
            String publicKeyAsSecret = RSA_KEY.toPublicJWK().toJSONString();
            assertRefused(RSA_KEY_APP, Jwts.hs256(publicKeyAsSecret, Jwts.claims(subject(), "rsa-api").build()),
                    "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
        }
    }

    @Nested
    class KeySets {
        private final JwksServer server = JwksServer.instance();

        Response logInAt(String path, RSAKey key) {
            return logIn(jwksApp(path), Jwts.rs256(key, Jwts.claims(subject(), "jwks-api").build()));
        }

        @Test
        void theKeySetIsCachedAndFetchedAgainForAKeyItDoesNotHold() {
            String path = "/rotation/jwks.json";
            RSAKey first = Jwts.rsaKey("first");
            RSAKey second = Jwts.rsaKey("second");
            server.serve(path, jwks(first));

            assertThat(logInAt(path, first).status()).isEqualTo(200);
            assertThat(logInAt(path, first).status()).isEqualTo(200);
            assertThat(server.hits(path)).as("fetched once, then cached").isEqualTo(1);

            server.serve(path, jwks(first, second));

            assertThat(logInAt(path, second).status()).isEqualTo(200);
            assertThat(server.hits(path)).as("fetched again for the new key id").isEqualTo(2);
            assertThat(logInAt(path, first).status()).isEqualTo(200);
            assertThat(logInAt(path, second).status()).isEqualTo(200);
            assertThat(server.hits(path)).isEqualTo(2);
        }

        @Test
        void madeUpKeyIdsDoNotMakeItFetchOverAndOver() {
            String path = "/made-up-kids/jwks.json";
            RSAKey real = Jwts.rsaKey("real");
            server.serve(path, jwks(real));
            String app = jwksApp(path);
            long before = events.count();

            assertError(logInAt(path, Jwts.rsaKey("made-up-0")), 401, "AuthError",
                    INVALID + "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
            for (int i = 1; i <= 5; i++) {
                assertError(logInAt(path, Jwts.rsaKey("made-up-" + i)), 401, "AuthError",
                        INVALID + "no signing key matches the token");
            }

            assertThat(server.hits(path)).as("the first fetch and one more, within the minimum interval").isEqualTo(2);
            assertThat(events.count()).isEqualTo(before);
            assertThat(logIn(app, Jwts.rs256(real, Jwts.claims(subject(), "jwks-api").build())).status()).isEqualTo(200);
            assertThat(server.hits(path)).isEqualTo(2);
        }

        @Test
        void anOversizedKeySetIsNotRead() {
            String path = "/oversized/jwks.json";
            server.serve(path, "{\"keys\":[],\"padding\":\"" + "p".repeat(70 * 1024) + "\"}");

            long before = events.count();
            assertError(logInAt(path, Jwts.rsaKey("any")), 401, "AuthError", INVALID + "the signing keys could not be fetched");
            assertThat(events.count()).isEqualTo(before);
        }

        @Test
        void aKeySetThatNeverArrivesFailsTheLoginInBoundedTime() {
            String path = "/stalled/jwks.json";
            server.serve(path, jwks(Jwts.rsaKey("late")));
            long started = System.nanoTime();

            assertError(logInAt(path, Jwts.rsaKey("late")), 401, "AuthError", INVALID + "the signing keys could not be fetched");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
