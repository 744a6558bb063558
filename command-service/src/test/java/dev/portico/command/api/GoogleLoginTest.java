package dev.portico.command.api;

import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.Answers.json;
import static dev.portico.command.support.Answers.loginBody;
import static dev.portico.command.support.Answers.profileOf;
import static dev.portico.command.support.StandIns.GOOGLE;
import static dev.portico.command.support.StandIns.GOOGLE_CLIENT_ID;
import static dev.portico.command.support.StandIns.GOOGLE_CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import dev.portico.testsupport.standin.OidcStandIn;
import dev.portico.testsupport.standin.StandInServer;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign in with Google against a stand-in of Google's key set and token endpoint: ID tokens and authorization
 * codes, every way a token can be wrong, domain restrictions, and the profile fields App Services kept.
 */
@CommandServiceTest
class GoogleLoginTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/oauth2-google/login";
    private static final String RESTRICTED = "/api/client/v2.0/app/restricted-app/auth/providers/oauth2-google/login";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    private ClientApi api;
    private StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    @Test
    void anIdTokenLogsTheSubjectInWithTheProfileFieldsTheAppKeeps() {
        String subject = subject();
        String token = GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of("email", "ada@example.com",
                "email_verified", true, "name", "Ada Lovelace", "given_name", "Ada", "family_name", "Lovelace",
                "picture", "https://lh3.example.com/ada.jpg", "locale", "en"));

        Response login = api.post(LOGIN, null, loginBody(Map.of("id_token", token)));

        JsonNode profile = profileOf(api, login);
        assertThat(profile.get("identities")).isEqualTo(json("[{\"id\":\"" + subject
                + "\",\"provider_type\":\"oauth2-google\",\"provider_id\":\"" + providerId(profile) + "\"}]"));
        assertThat(profile.get("data")).isEqualTo(json("""
                {"name":"Ada Lovelace","first_name":"Ada","last_name":"Lovelace",
                 "picture":"https://lh3.example.com/ada.jpg","email":"ada@example.com"}"""));
        assertThat(profile.get("type").asText()).isEqualTo("normal");
    }

    @Test
    void theSameSubjectLogsInAsTheSameUserAndATokenWithoutProfileClaimsKeepsAnEmptyProfile() {
        String subject = subject();
        Response first = api.post(LOGIN, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of()))));
        Response second = api.post(LOGIN, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of()))));

        assertThat(second.text("user_id")).isEqualTo(first.text("user_id"));
        assertThat(profileOf(api, second).get("data")).isEqualTo(json("{}"));
        assertThat(events.typesOf(first.text("user_id"))).filteredOn("UserRegistered"::equals).hasSize(1);
    }

    @Test
    void anAuthCodeIsExchangedWithTheClientSecretForTheIdTokenOfTheSameUser() {
        String subject = subject();
        Response byToken = api.post(LOGIN, null, loginBody(Map.of("id_token",
                GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of()))));
        String code = "4/0A" + UUID.randomUUID();
        GOOGLE.acceptCode(code, new OidcStandIn.Code(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, "postmessage",
                GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of("name", "Ada"))));

        Response byCode = api.post(LOGIN, null, loginBody(Map.of("authCode", code)));

        assertThat(byCode.status()).as(byCode.body()).isEqualTo(200);
        assertThat(byCode.text("user_id")).isEqualTo(byToken.text("user_id"));
        StandInServer.Request exchange = GOOGLE.tokenRequests().stream()
                .filter(r -> code.equals(r.form().get("code"))).findFirst().orElseThrow();
        assertThat(exchange.method()).isEqualTo("POST");
        assertThat(exchange.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(exchange.form()).isEqualTo(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", GOOGLE_CLIENT_ID, "client_secret", GOOGLE_CLIENT_SECRET, "redirect_uri", "postmessage"));
    }

    @Test
    void anUnknownOrUsedAuthCodeIsRefused() {
        String code = "4/0A" + UUID.randomUUID();
        GOOGLE.acceptCode(code, new OidcStandIn.Code(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, "postmessage",
                GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(), Map.of())));
        assertThat(api.post(LOGIN, null, loginBody(Map.of("authCode", code))).status()).isEqualTo(200);
        long stored = events.count();

        assertError(api.post(LOGIN, null, loginBody(Map.of("authCode", code))), 401, "AuthError",
                "oauth2-google: invalid authCode");
        assertError(api.post(LOGIN, null, loginBody(Map.of("authCode", "4/0Anever-issued"))), 401, "AuthError",
                "oauth2-google: invalid authCode");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void anAuthCodeGrantedWithoutOpenIdIdentifiesNobody() {
        String code = "4/0A" + UUID.randomUUID();
        GOOGLE.acceptCode(code, new OidcStandIn.Code(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, "postmessage", null));

        assertError(api.post(LOGIN, null, loginBody(Map.of("authCode", code))), 401, "AuthError",
                "oauth2-google: the authCode was granted without the openid scope, so it identifies nobody");
    }

    @Test
    void anExchangedTokenIsVerifiedLikeAnyOther() {
        String code = "4/0A" + UUID.randomUUID();
        GOOGLE.acceptCode(code, new OidcStandIn.Code(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, "postmessage",
                GOOGLE.idToken("someone-elses-client", subject(), Map.of())));

        assertError(api.post(LOGIN, null, loginBody(Map.of("authCode", code))), 401, "AuthError",
                "oauth2-google: invalid id_token: it was issued for another client");
    }

    @Test
    void tokensThatAreNotGooglesForThisAppAreRefusedAndWriteNothing() {
        String subject = subject();
        Instant now = Instant.now();
        long stored = events.count();

        assertRefused(GOOGLE.sign(GOOGLE.claims(GOOGLE_CLIENT_ID, subject)
                        .issueTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(120))).build()),
                "it has expired");
        assertRefused(GOOGLE.idToken("another-client.apps.googleusercontent.com", subject, Map.of()),
                "it was issued for another client");
        assertRefused(GOOGLE.sign(GOOGLE.claims(GOOGLE_CLIENT_ID, subject).issuer("https://accounts.example.com").build()),
                "it was issued by another issuer");
        assertRefused(GOOGLE.sign(new JWTClaimsSet.Builder(GOOGLE.claims(GOOGLE_CLIENT_ID, subject).build())
                .expirationTime(null).build()), "it lacks required claims");
        assertRefused(OidcStandIn.sign(GOOGLE.claims(GOOGLE_CLIENT_ID, subject).build(), OidcStandIn.newKey()),
                "its signature could not be verified");
        assertRefused(tamper(GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of()), "attacker"),
                "its signature could not be verified");
        assertRefused(hs256(GOOGLE.claims(GOOGLE_CLIENT_ID, subject).build()), "its signature could not be verified");
        assertRefused(new PlainJWT(GOOGLE.claims(GOOGLE_CLIENT_ID, subject).build()).serialize(), "it is not a signed JWT");
        assertRefused("not.a.jwt", "it is not a signed JWT");
        assertRefused(GOOGLE.sign(GOOGLE.claims(GOOGLE_CLIENT_ID, "x".repeat(256)).build()), "its subject is empty or too long");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aTokenSignedByANewlyPublishedKeyIsAcceptedOnceTheKeySetIsFetchedAgain() {
        assertThat(api.post(LOGIN, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(), Map.of()))))
                .status()).isEqualTo(200);
        RSAKey rotated = OidcStandIn.newKey();
        GOOGLE.publish(rotated);
        int fetches = GOOGLE.jwksFetches();

        Response login = api.post(LOGIN, null, loginBody(Map.of("id_token",
                OidcStandIn.sign(GOOGLE.claims(GOOGLE_CLIENT_ID, subject()).build(), rotated))));

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(GOOGLE.jwksFetches()).isEqualTo(fetches + 1);
    }

    @Test
    void theKeySetIsCachedBetweenLogins() {
        api.post(LOGIN, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(), Map.of()))));
        int fetches = GOOGLE.jwksFetches();

        for (int i = 0; i < 3; i++) {
            assertThat(api.post(LOGIN, null, loginBody(Map.of("id_token",
                    GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(), Map.of())))).status()).isEqualTo(200);
        }

        assertThat(GOOGLE.jwksFetches()).isEqualTo(fetches);
    }

    @Test
    void malformedCredentialsAreInvalidParameters() {
        long stored = events.count();

        assertError(api.post(LOGIN, null, loginBody(Map.of())), 400, "InvalidParameter",
                "oauth2-google: expected id_token or authCode");
        assertError(api.post(LOGIN, null, loginBody(Map.of("id_token", 42))), 400, "InvalidParameter",
                "oauth2-google: id_token must be a string");
        assertError(api.post(LOGIN, null, loginBody(Map.of("id_token", "e".repeat(8193)))), 400, "InvalidParameter",
                "oauth2-google: id_token is longer than 8192 characters");
        assertError(api.post(LOGIN, null, loginBody(Map.of("authCode", "c".repeat(2049)))), 400, "InvalidParameter",
                "oauth2-google: authCode is longer than 2048 characters");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aDomainRestrictedAppAdmitsOnlyVerifiedAddressesInItsDomains() {
        String subject = subject();
        Response admitted = api.post(RESTRICTED, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject,
                Map.of("email", "grace@Example.COM", "email_verified", true, "name", "Grace", "picture", "p")))));
        long stored = events.count();

        assertThat(profileOf(api, admitted).get("data")).isEqualTo(json("{\"email\":\"grace@Example.COM\",\"name\":\"Grace\"}"));
        assertError(api.post(RESTRICTED, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(),
                        Map.of("email", "mallory@example.org", "email_verified", true))))), 401, "AuthError",
                "oauth2-google: the account's e-mail domain is not allowed for this app");
        assertError(api.post(RESTRICTED, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(),
                        Map.of("email", "mallory@example.com", "email_verified", false))))), 401, "AuthError",
                "oauth2-google: this app admits only accounts with a verified e-mail address in its domains");
        assertError(api.post(RESTRICTED, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(),
                        Map.of())))), 401, "AuthError",
                "oauth2-google: this app admits only accounts with a verified e-mail address in its domains");
        assertError(api.post(RESTRICTED, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject(),
                        Map.of("email", "mallory@sub.example.com", "email_verified", true))))), 401, "AuthError",
                "oauth2-google: the account's e-mail domain is not allowed for this app");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aGoogleIdentityLinksToAnAnonymousUser() {
        Response anonymous = api.anonymousLogin("test-app");
        String subject = subject();

        Response link = api.post(LOGIN + "?link=true", anonymous.text("access_token"), loginBody(Map.of("id_token",
                GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of("name", "Linked Person")))));

        assertThat(link.status()).as(link.body()).isEqualTo(200);
        assertThat(link.text("user_id")).isEqualTo(anonymous.text("user_id"));
        JsonNode profile = profileOf(api, anonymous);
        assertThat(profile.get("identities").get(1).get("id").asText()).isEqualTo(subject);
        assertThat(profile.get("data")).isEqualTo(json("{\"name\":\"Linked Person\"}"));
        Response login = api.post(LOGIN, null, loginBody(Map.of("id_token", GOOGLE.idToken(GOOGLE_CLIENT_ID, subject, Map.of()))));
        assertThat(login.text("user_id")).isEqualTo(anonymous.text("user_id"));
    }

    @Test
    void aRefusedLinkIsNoInvalidSession() {
        Response anonymous = api.anonymousLogin("test-app");

        assertError(api.post(LOGIN + "?link=true", anonymous.text("access_token"), loginBody(Map.of("id_token",
                GOOGLE.idToken("another-client", subject(), Map.of())))), 401, "AuthError",
                "oauth2-google: invalid id_token: it was issued for another client");
        assertThat(api.get("/api/client/v2.0/auth/profile", anonymous.text("access_token")).status()).isEqualTo(200);
    }

    private void assertRefused(String token, String reason) {
        assertError(api.post(LOGIN, null, loginBody(Map.of("id_token", token))), 401, "AuthError",
                "oauth2-google: invalid id_token: " + reason);
    }

    /** The same signature over a payload with another subject. */
    private static String tamper(String token, String subject) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        JsonNode claims = json(payload);
        ((com.fasterxml.jackson.databind.node.ObjectNode) claims).put("sub", subject);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes())
                + "." + parts[2];
    }

    /** HS256 keyed with the app's client secret: the classic algorithm confusion. */
    private static String hs256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner((GOOGLE_CLIENT_SECRET + GOOGLE_CLIENT_SECRET).getBytes()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject() {
        return "1" + (UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE);
    }

    private static String providerId(JsonNode profile) {
        return profile.get("identities").get(0).get("provider_id").asText();
    }
}
