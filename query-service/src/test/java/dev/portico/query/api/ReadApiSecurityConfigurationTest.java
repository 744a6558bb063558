package dev.portico.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service credentials as configured: what starts, what refuses to, and which token is whose. */
class ReadApiSecurityConfigurationTest {
    private static final String LONG_TOKEN = "a-token-of-at-least-thirty-two-chars";

    @Test
    void refusesToStartWithoutAnyCredential() {
        assertThatThrownBy(() -> ClientCredentials.from(properties(List.of(), null, false)))
                .isInstanceOf(MissingCredentials.class)
                .hasMessageContaining("portico.query.clients")
                .hasMessageContaining("PORTICO_QUERY_SERVICE_TOKEN")
                .hasMessageContaining("portico.query.allow-anonymous-reads");
    }

    @Test
    void startsWithoutCredentialsWhenAnonymousReadsAreAllowed() {
        assertThat(ClientCredentials.from(properties(List.of(), null, true)).isEmpty()).isTrue();
    }

    @Test
    void theServiceTokenIsAClientWithTheReadScopes() {
        ClientCredentials credentials = ClientCredentials.from(properties(List.of(), "dev-service-token", false));

        assertThat(credentials.match("dev-service-token")).contains(
                new ClientCredentials.ServiceClient("service", Scopes.READ));
        assertThat(credentials.match("dev-service-token ")).isEmpty();
        assertThat(credentials.match("dev-service-tokeN")).isEmpty();
        assertThat(credentials.match("")).isEmpty();
    }

    @Test
    void eachClientIsKnownByItsTokenOrItsDigest() {
        ClientCredentials credentials = ClientCredentials.from(properties(List.of(
                new ReadApiProperties.Client("reader", LONG_TOKEN, Set.of(Scopes.USERS_READ)),
                new ReadApiProperties.Client("operator", "sha256:" + java.util.HexFormat.of()
                        .formatHex(ClientCredentials.sha256("operator-secret")), Set.of(Scopes.ADMIN))), null, false));

        assertThat(credentials.match(LONG_TOKEN)).contains(
                new ClientCredentials.ServiceClient("reader", Set.of(Scopes.USERS_READ)));
        assertThat(credentials.match("operator-secret")).contains(
                new ClientCredentials.ServiceClient("operator", Set.of(Scopes.ADMIN)));
        assertThat(credentials.match("sha256:" + java.util.HexFormat.of()
                .formatHex(ClientCredentials.sha256("operator-secret")))).isEmpty();
    }

    @Test
    void aShortTokenAnUnknownScopeOrATwiceUsedNameIsRefused() {
        assertThatThrownBy(() -> ClientCredentials.from(properties(List.of(
                new ReadApiProperties.Client("short", "too-short", Set.of(Scopes.USERS_READ))), null, false)))
                .hasMessageContaining("portico.query.clients[0].token");
        assertThatThrownBy(() -> ClientCredentials.from(properties(List.of(
                new ReadApiProperties.Client("odd", LONG_TOKEN, Set.of("users:write"))), null, false)))
                .hasMessageContaining("portico.query.clients[0].scopes");
        assertThatThrownBy(() -> ClientCredentials.from(properties(List.of(
                new ReadApiProperties.Client("twice", LONG_TOKEN, Set.of(Scopes.USERS_READ)),
                new ReadApiProperties.Client("twice", LONG_TOKEN + "x", Set.of(Scopes.USERS_READ))), null, false)))
                .hasMessageContaining("portico.query.clients[1].name");
        assertThatThrownBy(() -> ClientCredentials.from(properties(List.of(
                new ReadApiProperties.Client("service", LONG_TOKEN, Set.of(Scopes.USERS_READ))), "legacy", false)))
                .hasMessageContaining("service-token");
    }

    private static ReadApiProperties properties(List<ReadApiProperties.Client> clients, String serviceToken,
            boolean anonymous) {
        return new ReadApiProperties(clients, serviceToken, anonymous, null, null, null);
    }
}
