package dev.portico.command.app;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/** The apps this service serves, from configuration ({@code portico.apps[n]}). */
@ConfigurationProperties("portico")
public record AppProperties(List<AppDefinition> apps) {
    public AppProperties {
        apps = apps == null ? List.of() : List.copyOf(apps);
    }

    /**
     * One app: its client app id, the names of the login providers it enables (e.g. {@code anon-user}), for a
     * provider with settings its {@code config} as an export writes it, field by field
     * ({@code provider-config.local-userpass.autoConfirm: true}), the endpoints of its functions by function
     * name, and the secret calls to them are signed with.
     */
    public record AppDefinition(String clientAppId, List<String> providers, Map<String, Map<String, String>> providerConfig,
            Map<String, FunctionDefinition> functions, String functionSigningSecret) {
        public AppDefinition {
            providers = providers == null ? List.of() : List.copyOf(providers);
            providerConfig = providerConfig == null ? Map.of() : Map.copyOf(providerConfig);
            functions = functions == null ? Map.of() : Map.copyOf(functions);
        }
    }

    /** {@code portico.apps[n].functions.<name>}: the endpoint's URL and whether clients may call it. */
    public record FunctionDefinition(String url, @Name("private") boolean isPrivate) {
    }
}
