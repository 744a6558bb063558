package dev.portico.command.app;

import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Apps written inline in the service's settings ({@code portico.apps[n]}): a client app id, provider names and
 * the endpoints of the app's functions.
 */
@Component
class PropertiesAppSource implements AppSource {
    private final AppProperties properties;

    PropertiesAppSource(AppProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<App> apps(ConfigurationProblems problems) {
        problems.inFile("portico.apps");
        return properties.apps().stream().map(definition -> toApp(definition, problems)).filter(Objects::nonNull).toList();
    }

    private static App toApp(AppProperties.AppDefinition definition, ConfigurationProblems problems) {
        if (definition.clientAppId() == null || definition.clientAppId().isBlank()) {
            problems.error("client-app-id", "an app has no client app id", "set portico.apps[n].client-app-id");
            return null;
        }
        AppId id = new AppId(definition.clientAppId());
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        for (String name : definition.providers()) {
            ProviderType.fromWireName(name).ifPresentOrElse(
                    type -> providers.put(type, LoginProvider.of(type, AppRegistry.stableId(id.value() + "/" + name))),
                    () -> problems.error("providers", "app " + id + " enables unknown login provider '" + name + "'",
                            "use one of the App Services provider names, e.g. anon-user"));
        }
        problems.inFile("portico.apps (" + id + ")");
        FunctionEndpoints functions = FunctionEndpoints.fromSettings(definition.functions(),
                definition.functionSigningSecret(), problems);
        problems.inFile("portico.apps");
        return new App(id, AppRegistry.stableId(id.value()), providers, functions);
    }
}
