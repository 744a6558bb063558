package dev.portico.command.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code portico.apps[n].functions} and {@code function-signing-secret}, as an operator writes them. */
class FunctionSettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void functionsAreBoundFromTheServiceSettings() {
        Map<String, String> settings = Map.of(
                "portico.apps[0].client-app-id", "shop",
                "portico.apps[0].providers[0]", "custom-function",
                "portico.apps[0].function-signing-secret", SECRET,
                "portico.apps[0].functions.authLegacy.url", "https://functions.example.com/auth",
                "portico.apps[0].functions.authLegacy.private", "true",
                "portico.apps[0].functions.[demo/sendEmail].url", "http://127.0.0.1:9000/send");
        AppProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bind("portico", AppProperties.class).get();
        ConfigurationProblems problems = new ConfigurationProblems();

        App app = new PropertiesAppSource(properties).apps(problems).get(0);

        assertThat(problems.errors()).isEmpty();
        assertThat(problems.warnings()).isEmpty();
        assertThat(app.functions().signingSecret()).isEqualTo(SECRET);
        assertThat(app.functions().byName()).containsOnlyKeys("authLegacy", "demo/sendEmail");
        assertThat(app.functions().find("authLegacy")).contains(
                new FunctionEndpoint("authLegacy", URI.create("https://functions.example.com/auth"), true));
        assertThat(app.functions().find("demo/sendEmail")).contains(
                new FunctionEndpoint("demo/sendEmail", URI.create("http://127.0.0.1:9000/send"), false));
    }

    @Test
    void anAppWithoutFunctionsNeedsNoSecret() {
        ConfigurationProblems problems = new ConfigurationProblems();

        assertThat(FunctionEndpoints.fromSettings(Map.of(), null, problems)).isSameAs(FunctionEndpoints.NONE);
        assertThat(problems.errors()).isEmpty();
    }

    @Test
    void aFunctionNeedsAnAbsoluteHttpUrl() {
        ConfigurationProblems problems = new ConfigurationProblems();

        FunctionEndpoints.fromSettings(Map.of(
                "relative", new AppProperties.FunctionDefinition("/auth", false),
                "ftp", new AppProperties.FunctionDefinition("ftp://files.example.com/auth", false),
                "missing", new AppProperties.FunctionDefinition(null, false),
                "broken", new AppProperties.FunctionDefinition("http://exa mple.com", false)), SECRET, problems);

        assertThat(problems.errors()).extracting(ConfigurationProblems.Problem::field).containsExactlyInAnyOrder(
                "functions.relative.url", "functions.ftp.url", "functions.missing.url", "functions.broken.url");
        assertThat(problems.errors()).allSatisfy(problem -> assertThat(problem.fix()).startsWith("give an absolute http(s) URL"));
    }

    @Test
    void functionsNeedASigningSecretOfThirtyTwoCharacters() {
        for (String secret : new String[] {null, "", "too-short-a-secret"}) {
            ConfigurationProblems problems = new ConfigurationProblems();

            FunctionEndpoints endpoints = FunctionEndpoints.fromSettings(
                    Map.of("auth", new AppProperties.FunctionDefinition("https://f.example.com/auth", true)), secret, problems);

            assertThat(endpoints).isSameAs(FunctionEndpoints.NONE);
            assertThat(problems.errors()).extracting(ConfigurationProblems.Problem::field)
                    .containsExactly("function-signing-secret");
        }
    }

    @Test
    void plainHttpToAnotherHostIsAWarning() {
        ConfigurationProblems problems = new ConfigurationProblems();

        FunctionEndpoints.fromSettings(Map.of("auth", new AppProperties.FunctionDefinition("http://functions.internal/auth",
                true)), SECRET, problems);

        assertThat(problems.errors()).isEmpty();
        assertThat(problems.warnings()).extracting(ConfigurationProblems.Problem::field).containsExactly("functions.auth.url");
    }

    @Test
    void theSecretNeverShowsInTheAppsText() {
        App app = new App(new dev.portico.events.AppId("shop"), "65aa00000000000000000001", Map.of(),
                new FunctionEndpoints(Map.of("auth", new FunctionEndpoint("auth", URI.create("https://f.example.com/auth"),
                        true)), SECRET));
        LoginProvider provider = new LoginProvider(dev.portico.events.identity.ProviderType.GOOGLE, "oauth2-google", "p1",
                false, null, Map.of("clientSecret", List.of("google-secret-value")), null, null, null);

        assertThat(app.toString()).contains("auth").doesNotContain(SECRET);
        assertThat(provider.toString()).contains("clientSecret").doesNotContain("google-secret-value");
    }
}
