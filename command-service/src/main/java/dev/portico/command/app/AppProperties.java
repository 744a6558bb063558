package dev.portico.command.app;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The apps this service serves, from configuration ({@code portico.apps[n]}). */
@ConfigurationProperties("portico")
public record AppProperties(List<AppDefinition> apps) {
    public AppProperties {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /** One app: its client app id and the names of the login providers it enables, e.g. {@code anon-user}. */
    public record AppDefinition(String clientAppId, List<String> providers) {
        public AppDefinition {
            providers = providers == null ? List.of() : List.copyOf(providers);
        }
    }
}
