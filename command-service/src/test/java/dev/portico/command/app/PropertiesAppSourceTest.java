package dev.portico.command.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.identity.ProviderType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Apps written in the service's settings, with a provider's settings as an export would write them. */
class PropertiesAppSourceTest {
    @Test
    void trueAndFalseAreBooleansAndSettingsOfAProviderNotEnabledAreReported() {
        AppProperties properties = new AppProperties(List.of(new AppProperties.AppDefinition("some-app",
                List.of("local-userpass"), java.util.Map.of(
                        "local-userpass", java.util.Map.of("autoConfirm", "true", "runResetFunction", "false"),
                        "custom-token", java.util.Map.of("audience", "x")), java.util.Map.of(), null)));
        ConfigurationProblems problems = new ConfigurationProblems();

        List<App> apps = new PropertiesAppSource(properties).apps(problems);

        LoginProvider userpass = apps.get(0).provider(ProviderType.EMAIL_PASSWORD).orElseThrow();
        assertThat(userpass.config().get("autoConfirm").isBoolean()).isTrue();
        assertThat(userpass.config().get("runResetFunction").booleanValue()).isFalse();
        assertThat(problems.warnings()).extracting(ConfigurationProblems.Problem::field)
                .containsExactly("provider-config.custom-token");
    }
}
