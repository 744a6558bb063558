package dev.portico.command.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.command.CommandServiceApplication;
import dev.portico.command.support.Answers;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.ServiceApi;
import dev.portico.events.identity.ProviderType;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import dev.portico.testsupport.ClientApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** The service serves an app from its exported directory, and refuses to start on a broken one. */
@CommandServiceTest
@TestPropertySource(properties = {
        "portico.app-directories[0].path=src/test/resources/exports/v20230101",
        "portico.app-directories[0].secrets.jwt_key=a-signing-key-of-at-least-thirty-two-characters",
        "portico.app-directories[0].functions.hello.url=http://127.0.0.1:9/hello",
        "portico.app-directories[0].functions.resetPassword.url=http://127.0.0.1:9/reset",
        "portico.app-directories[0].function-signing-secret=a-function-signing-secret-of-32-characters-or-more"})
class ExportedAppDirectoryTest {
    @LocalServerPort
    int port;
    @Autowired
    AppRegistry apps;

    @Test
    void servesTheExportedAppUnderItsClientAppId() {
        var login = new ClientApi(port).anonymousLogin("shop-abcde");

        assertThat(login.status()).isEqualTo(200);
        App shop = apps.find("shop-abcde").orElseThrow();
        assertThat(shop.providers().keySet()).containsExactlyInAnyOrder(ProviderType.ANONYMOUS, ProviderType.API_KEY,
                ProviderType.EMAIL_PASSWORD, ProviderType.CUSTOM_JWT);
        assertThat(shop.provider(ProviderType.CUSTOM_JWT).orElseThrow().secrets().get("signingKeys"))
                .containsExactly("a-signing-key-of-at-least-thirty-two-characters");
    }

    @Test
    void customDataCarriesTheUserIdInTheFieldTheExportNames() {
        ClientApi api = new ClientApi(port);
        var login = api.anonymousLogin("shop-abcde");
        String user = login.text("user_id");
        ServiceApi.send(api, "PUT", ServiceApi.customDataPath("shop-abcde", user), ServiceApi.SERVICE_TOKEN,
                "{\"plan\":\"gold\"}");

        String token = api.post("/api/client/v2.0/auth/session", login.text("refresh_token"), null).text("access_token");

        assertThat(apps.find("shop-abcde").orElseThrow().customDataUserIdField()).isEqualTo("user_id");
        assertThat(ServiceApi.userData(token)).isEqualTo(Answers.json("{\"plan\":\"gold\",\"user_id\":\"" + user + "\"}"));
    }

    @Test
    void functionsRunWhereTheSettingsSayAndArePrivateAsTheExportSays() {
        var functions = apps.find("shop-abcde").orElseThrow().functions();

        assertThat(functions.find("hello").orElseThrow().url()).hasToString("http://127.0.0.1:9/hello");
        assertThat(functions.find("hello").orElseThrow().isPrivate()).isFalse();
        assertThat(functions.find("resetPassword").orElseThrow().isPrivate()).isTrue();
    }

    @Test
    void aDisabledProviderRefusesLoginsAsAnUnknownOne() {
        var login = new ClientApi(port).post("/api/client/v2.0/app/shop-abcde/auth/providers/api-key/login", null,
                "{\"key\":\"whatever\"}");

        assertThat(login.status()).isEqualTo(404);
        assertThat(login.text("error_code")).isEqualTo("AuthProviderNotFound");
    }

    @Test
    void aSecretTheExportNamesButNobodySuppliesStopsTheStart(@TempDir Path keys) throws Exception {
        PostgresServer database = TestBackends.freshDatabase("command");

        assertThatThrownBy(() -> CommandServiceApplication.application().run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--portico.tokens.keys-dir=" + keys,
                "--portico.app-directories[0].path=src/test/resources/exports/v20230101").close())
                .hasRootCauseInstanceOf(InvalidAppConfiguration.class)
                .rootCause().hasMessage("the app configuration has errors:\n  - "
                        + Path.of("src/test/resources/exports/v20230101/auth/providers.json").toAbsolutePath()
                        + ": custom-token.secret_config.signingKeys: names secret 'jwt_key', whose value is not"
                        + " supplied (fix: set portico.app-directories[0].secrets.jwt_key or the environment variable"
                        + " PORTICO_SECRET_JWT_KEY)");
    }
}
