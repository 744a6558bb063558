package dev.portico.command.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.command.app.export.AppExport;
import dev.portico.command.app.export.AppExportReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One app exported in each of the four config versions reads as the same app; broken exports are refused with
 * the file, the field and the fix, and loose ones read with a warning.
 */
class AppExportReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(ints = {20180301, 20200603, 20210101, 20230101})
    void everyConfigVersionReadsAsTheSameApp(int version) throws IOException {
        ConfigurationProblems problems = new ConfigurationProblems();

        AppExport export = AppExportReader.read(export(version), problems).orElseThrow();

        assertThat(problems.errors()).isEmpty();
        assertThat(export.configVersion()).isEqualTo(version);
        assertThat(export.name()).isEqualTo("shop");
        assertThat(export.clientAppId()).contains("shop-abcde");
        assertThat(export.allowedRequestOrigins()).containsExactly("https://shop.example.com");
        assertThat(export.providers().keySet())
                .containsExactlyInAnyOrder("anon-user", "api-key", "local-userpass", "custom-token");
        assertThat(export.providers().get("api-key").disabled()).isTrue();
        assertThat(export.providers().get("anon-user").disabled()).isFalse();
        assertThat(export.providers().get("local-userpass").config()).isEqualTo(JSON.readTree("""
                {"autoConfirm": false, "emailConfirmationUrl": "https://shop.example.com/confirm",
                 "confirmEmailSubject": "Confirm your Shop account", "runConfirmationFunction": false,
                 "resetPasswordUrl": "https://shop.example.com/reset", "runResetFunction": true,
                 "resetFunctionName": "resetPassword"}"""));
        AppExport.ProviderExport jwt = export.providers().get("custom-token");
        assertThat(jwt.config()).isEqualTo(JSON.readTree("""
                {"audience": ["shop-api"], "requireAnyAudience": false, "signingAlgorithm": "HS256",
                 "useJWKURI": false}"""));
        assertThat(jwt.secretNames()).isEqualTo(Map.of("signingKeys", List.of("jwt_key")));
        assertThat(jwt.metadataFields()).containsExactly(new MetadataField(true, "email", "email"),
                new MetadataField(false, "profile.display_name", "name"));
        assertThat(export.customUserData()).isEqualTo(new AppExport.CustomUserData(true, "mongodb-atlas", "shop",
                "users", "user_id", null));
        assertThat(export.functions().values().stream()
                .collect(Collectors.toMap(AppExport.FunctionExport::name, f -> f.isPrivate() + "/" + f.hasSource())))
                .isEqualTo(Map.of("resetPassword", "true/true", "hello", "false/true"));
    }

    @Test
    void looseShapesOfRealExportsAreReadWithAWarningEach() {
        ConfigurationProblems problems = new ConfigurationProblems();

        AppExportReader.read(export(20210101), problems).orElseThrow();

        assertThat(problems.warnings()).extracting(ConfigurationProblems.Problem::field, ConfigurationProblems.Problem::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("(whole file)",
                                "has trailing commas, which JSON does not allow; read anyway"),
                        org.assertj.core.groups.Tuple.tuple("local-userpass.config.autoConfirm",
                                "is the string 'false' where a boolean belongs; read as false"),
                        org.assertj.core.groups.Tuple.tuple("local-userpass.config.runConfirmationFunction",
                                "is the string '' where a boolean belongs; read as false"));
    }

    @Test
    void theOlderSingleSigningKeyIsReadAsTheList() {
        ConfigurationProblems problems = new ConfigurationProblems();

        AppExportReader.read(export(20200603), problems).orElseThrow();

        assertThat(problems.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.file()).endsWith("auth_providers/custom-token.json");
            assertThat(warning.field()).isEqualTo("secret_config.signingKey");
        });
    }

    @Test
    void anUnknownProviderTypeIsAnErrorNamingFileFieldAndFix() throws IOException {
        Path app = minimalExport("""
                {"sso": {"name": "sso", "type": "saml", "disabled": false}}""");

        ConfigurationProblems problems = new ConfigurationProblems();
        AppExportReader.read(app, problems);

        assertThat(problems.errors()).singleElement().hasToString(app.resolve("auth/providers.json")
                + ": sso.type: unknown provider type 'saml' (fix: use one of anon-user, local-userpass, api-key,"
                + " custom-token, custom-function, oauth2-google, oauth2-apple, oauth2-facebook)");
    }

    @Test
    void aProviderNamedOtherThanItsTypeIsAnError() throws IOException {
        Path app = minimalExport("""
                {"anon-user": {"name": "anonymous", "type": "anon-user"}}""");

        ConfigurationProblems problems = new ConfigurationProblems();
        AppExportReader.read(app, problems);

        assertThat(problems.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("anon-user.name");
            assertThat(error.fix()).isEqualTo("App Services names each provider after its type: use 'anon-user' for all three");
        });
    }

    @Test
    void invalidJsonIsAnErrorAtItsLineAndColumn() throws IOException {
        Path app = minimalExport("{\n  \"anon-user\": {\"name\": \"anon-user\" \"type\": \"anon-user\"}\n}");

        ConfigurationProblems problems = new ConfigurationProblems();
        AppExportReader.read(app, problems);

        assertThat(problems.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(app.resolve("auth/providers.json").toString());
            assertThat(error.field()).isEqualTo("line 2, column 37");
            assertThat(error.fix()).isEqualTo("correct the JSON syntax at that place");
        });
    }

    @Test
    void aDirectoryWithoutARootFileIsAnError() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("not-an-export"));

        ConfigurationProblems problems = new ConfigurationProblems();

        assertThat(AppExportReader.read(empty, problems)).isEmpty();
        assertThat(problems.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).isEqualTo("no root_config.json, realm_config.json, config.json or stitch.json found"));
    }

    @Test
    void aBooleanThatIsNeitherTrueNorFalseIsAnError() throws IOException {
        Path app = minimalExport("""
                {"local-userpass": {"name": "local-userpass", "type": "local-userpass", "config": {"autoConfirm": "yes"}}}""");

        ConfigurationProblems problems = new ConfigurationProblems();
        AppExportReader.read(app, problems);

        assertThat(problems.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("local-userpass.config.autoConfirm");
            assertThat(error.message()).isEqualTo("must be true or false, not 'yes'");
        });
    }

    static Path export(int version) {
        return Path.of("src/test/resources/exports/v" + version).toAbsolutePath();
    }

    private Path minimalExport(String providers) throws IOException {
        Path app = Files.createDirectories(temp.resolve("app"));
        Files.writeString(app.resolve("root_config.json"),
                "{\"name\": \"app\", \"deployment_model\": \"LOCAL\", \"provider_region\": \"aws-eu-west-1\"}");
        Files.createDirectories(app.resolve("auth"));
        Files.writeString(app.resolve("auth/providers.json"), providers);
        return app;
    }
}
