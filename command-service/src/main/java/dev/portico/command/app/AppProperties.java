package dev.portico.command.app;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The apps this service serves, from configuration ({@code portico.apps[n]}). */
@ConfigurationProperties("portico")
public record AppProperties(List<AppDefinition> apps) {
    public AppProperties {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /**
     * One app: its client app id, the names of the login providers it enables (e.g. {@code anon-user}), and
     * for a provider with settings its {@code config} as an export writes it, field by field
     * ({@code provider-config.local-userpass.autoConfirm: true}).
     */
    public record AppDefinition(String clientAppId, List<String> providers, Map<String, Map<String, String>> providerConfig) {
        public AppDefinition {
            providers = providers == null ? List.of() : List.copyOf(providers);
            providerConfig = providerConfig == null ? Map.of() : Map.copyOf(providerConfig);
        }
    }
}
