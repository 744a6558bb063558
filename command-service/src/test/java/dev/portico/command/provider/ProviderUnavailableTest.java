package dev.portico.command.provider;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.testsupport.standin.OidcStandIn;
import dev.portico.testsupport.standin.StandInServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * A provider that cannot be asked is no refusal of the credentials: the verifier says the provider is
 * unavailable (503 to the client), whether it is down, slow or answers nonsense.
 */
class ProviderUnavailableTest {
    @Test
    void googleWithoutItsKeySetIsUnavailable() throws Exception {
        URI down = closedPort();
        GoogleVerifier google = new GoogleVerifier(properties(new OAuthProperties.Google(null, down, down, null), null, null),
                Clock.systemUTC());
        OidcStandIn signer = new OidcStandIn("https://accounts.google.com");
        try (signer) {
            String token = signer.idToken("client", "someone", Map.of());

            assertThatThrownBy(() -> google.verify(credentials(ProviderType.GOOGLE, "id_token", token), UserId.generate()))
                    .isInstanceOf(ProviderUnavailable.class).hasMessage("oauth2-google is unavailable, try again later");
        }
    }

    @Test
    void googleWithoutItsTokenEndpointIsUnavailable() throws Exception {
        URI down = closedPort();
        GoogleVerifier google = new GoogleVerifier(properties(new OAuthProperties.Google(null, down, down, null), null, null),
                Clock.systemUTC());

        assertThatThrownBy(() -> google.verify(credentials(ProviderType.GOOGLE, "authCode", "4/0Aabc"), UserId.generate()))
                .isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void aTokenEndpointAnsweringNonsenseIsUnavailable() {
        try (StandInServer endpoint = StandInServer.start()) {
            endpoint.route("/token", request -> StandInServer.Reply.text(200, "text/html", "<html>maintenance</html>"));
            GoogleVerifier google = new GoogleVerifier(properties(new OAuthProperties.Google(null, endpoint.url("/jwks"),
                    endpoint.url("/token"), null), null, null), Clock.systemUTC());

            assertThatThrownBy(() -> google.verify(credentials(ProviderType.GOOGLE, "authCode", "4/0Aabc"), UserId.generate()))
                    .isInstanceOf(ProviderUnavailable.class);
        }
    }

    @Test
    void facebookDownOrSlowIsUnavailable() throws Exception {
        FacebookVerifier down = new FacebookVerifier(properties(null, null, new OAuthProperties.Facebook(closedPort())),
                Clock.systemUTC());
        assertThatThrownBy(() -> down.verify(credentials(ProviderType.FACEBOOK, "accessToken", "EAAB"), UserId.generate()))
                .isInstanceOf(ProviderUnavailable.class).hasMessage("oauth2-facebook is unavailable, try again later");

        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (StandInServer graph = StandInServer.start()) {
            graph.route("/debug_token", request -> {
                release.await();
                return StandInServer.Reply.json(200, Map.of());
            });
            FacebookVerifier slow = new FacebookVerifier(properties(null, null, new OAuthProperties.Facebook(graph.url(""))),
                    Clock.systemUTC());
            assertThatThrownBy(() -> slow.verify(credentials(ProviderType.FACEBOOK, "accessToken", "EAAB"), UserId.generate()))
                    .isInstanceOf(ProviderUnavailable.class);
        } finally {
            release.countDown();
        }
    }

    private static OAuthProperties properties(OAuthProperties.Google google, OAuthProperties.Apple apple,
            OAuthProperties.Facebook facebook) {
        return new OAuthProperties(Duration.ofMillis(500), null, Duration.ZERO, google, apple, facebook);
    }

    private static Credentials credentials(ProviderType type, String field, String value) {
        LoginProvider provider = new LoginProvider(type, type.wireName(), "p", false,
                JsonNodeFactory.instance.objectNode().put("clientId", "client"), Map.of("clientSecret", List.of("secret")),
                null, null, null);
        return new Credentials(provider, new BsonDocument(field, new BsonString(value)));
    }

    private static URI closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }
}
