package dev.portico.command.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.FunctionEndpoint;
import dev.portico.command.app.FunctionEndpoints;
import dev.portico.command.app.InvalidAppConfiguration;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.command.function.HttpAppFunctions;
import dev.portico.command.function.FunctionProperties;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider whose settings cannot work stops the start, naming app, provider, field and fix; a doubtful one warns. */
class ProviderConfigurationTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private final OAuthProperties oauth = new OAuthProperties(null, null, null, null, null, null);
    private final List<IdentityVerifier> verifiers = List.of(
            new CustomFunctionVerifier(new HttpAppFunctions(new FunctionProperties(null, null), Clock.systemUTC())),
            new GoogleVerifier(oauth, Clock.systemUTC()), new AppleVerifier(oauth, Clock.systemUTC()),
            new FacebookVerifier(oauth, Clock.systemUTC()));

    @Test
    void aCustomFunctionProviderNeedsAnAuthFunctionMappedToAnEndpoint() {
        assertRefused(app(FunctionEndpoints.NONE, provider(ProviderType.CUSTOM_FUNCTION, config(), null, List.of(), List.of())),
                "app shop, provider custom-function: config.authFunctionName: custom-function names no auth function");
        assertRefused(app(FunctionEndpoints.NONE, provider(ProviderType.CUSTOM_FUNCTION,
                        config().put("authFunctionName", "authLegacy"), null, List.of(), List.of())),
                "app shop, provider custom-function: functions: the auth function 'authLegacy' is mapped to no endpoint"
                        + " (fix: map it in the service's settings: portico.apps[n].functions.authLegacy.url)");
        assertAccepted(app(new FunctionEndpoints(Map.of("authLegacy", new FunctionEndpoint("authLegacy",
                        URI.create("https://f.example.com/auth"), true)), SECRET),
                provider(ProviderType.CUSTOM_FUNCTION, config().put("authFunctionName", "authLegacy"), null, List.of(), List.of())));
    }

    @Test
    void everyOAuthProviderNeedsAClientId() {
        for (ProviderType type : List.of(ProviderType.GOOGLE, ProviderType.APPLE, ProviderType.FACEBOOK)) {
            assertThatThrownBy(() -> check(app(FunctionEndpoints.NONE, provider(type, config().put("clientId", " "),
                    "secret", List.of(), List.of()))))
                    .isInstanceOf(InvalidAppConfiguration.class)
                    .hasMessageContaining("app shop, provider " + type.wireName() + ": config.clientId: " + type.wireName()
                            + " has no client id");
        }
    }

    @Test
    void aMissingClientSecretIsOnlyAWarning() {
        for (ProviderType type : List.of(ProviderType.GOOGLE, ProviderType.APPLE, ProviderType.FACEBOOK)) {
            ConfigurationProblems problems = new ConfigurationProblems();
            LoginProvider provider = provider(type, config().put("clientId", "client"), null, List.of(), List.of());

            verifier(type).checkConfiguration(app(FunctionEndpoints.NONE, provider), provider, problems);

            assertThat(problems.errors()).isEmpty();
            assertThat(problems.warnings()).extracting(ConfigurationProblems.Problem::field)
                    .containsExactly("secret_config.clientSecret");
        }
    }

    @Test
    void aRequiredMetadataFieldTheProviderNeverGivesIsAnErrorAnOptionalOneAWarning() {
        ConfigurationProblems problems = new ConfigurationProblems();
        LoginProvider provider = provider(ProviderType.GOOGLE, config().put("clientId", "client"), "secret",
                List.of(new MetadataField(true, "shoe_size", null), new MetadataField(false, "favourite_colour", null),
                        new MetadataField(true, "email", null)), List.of());

        verifier(ProviderType.GOOGLE).checkConfiguration(app(FunctionEndpoints.NONE, provider), provider, problems);

        assertThat(problems.errors()).extracting(ConfigurationProblems.Problem::message)
                .containsExactly("'shoe_size' is required but oauth2-google never provides it, so every login would be refused");
        assertThat(problems.warnings()).extracting(ConfigurationProblems.Problem::message)
                .containsExactly("'favourite_colour' is not a field oauth2-google provides; it stays empty");
    }

    @Test
    void domainRestrictionsWithoutARequiredEmailWarn() {
        ConfigurationProblems problems = new ConfigurationProblems();
        LoginProvider provider = provider(ProviderType.FACEBOOK, config().put("clientId", "client"), "secret",
                List.of(new MetadataField(false, "email", null)), List.of("example.com"));

        verifier(ProviderType.FACEBOOK).checkConfiguration(app(FunctionEndpoints.NONE, provider), provider, problems);

        assertThat(problems.errors()).isEmpty();
        assertThat(problems.warnings()).extracting(ConfigurationProblems.Problem::field).containsExactly("metadata_fields");
    }

    @Test
    void aDisabledProviderIsNotChecked() {
        LoginProvider disabled = new LoginProvider(ProviderType.GOOGLE, "oauth2-google", "p", true, config(), null, null,
                null, null);

        assertAccepted(app(FunctionEndpoints.NONE, disabled));
    }

    private void assertRefused(App app, String problem) {
        assertThatThrownBy(() -> check(app)).isInstanceOf(InvalidAppConfiguration.class).hasMessageContaining(problem);
    }

    private void assertAccepted(App app) {
        check(app);
    }

    private void check(App app) {
        new IdentityVerifiers(verifiers, new AppRegistry(List.of(problems -> List.of(app))));
    }

    private IdentityVerifier verifier(ProviderType type) {
        return verifiers.stream().filter(v -> v.type() == type).findFirst().orElseThrow();
    }

    private static App app(FunctionEndpoints functions, LoginProvider provider) {
        return new App(new AppId("shop"), "65aa00000000000000000001", Map.of(provider.type(), provider), functions);
    }

    private static LoginProvider provider(ProviderType type, ObjectNode config, String secret, List<MetadataField> fields,
            List<String> domains) {
        return new LoginProvider(type, type.wireName(), "p-" + type.wireName(), false, config,
                secret == null ? Map.of() : Map.of("clientSecret", List.of(secret)), fields, List.of(), domains);
    }

    private static ObjectNode config() {
        return JsonNodeFactory.instance.objectNode();
    }
}
