package dev.portico.command.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Apps written inline in the service's settings ({@code portico.apps[n]}): a client app id, provider names,
 * a provider's settings where it has some (text here; {@code true} and {@code false} are read as the booleans
 * an export would have), and the endpoints of the app's functions.
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
                    type -> providers.put(type, new LoginProvider(type, type.wireName(),
                            AppRegistry.stableId(id.value() + "/" + name), false,
                            config(definition.providerConfig().get(name)), null, null, null, null)),
                    () -> problems.error("providers", "app " + id + " enables unknown login provider '" + name + "'",
                            "use one of the App Services provider names, e.g. anon-user"));
        }
        definition.providerConfig().keySet().stream().filter(name -> !definition.providers().contains(name))
                .forEach(name -> problems.warning("provider-config." + name, "app " + id + " has settings for '"
                        + name + "', which it does not enable"));
        problems.inFile("portico.apps (" + id + ")");
        FunctionEndpoints functions = FunctionEndpoints.fromSettings(definition.functions(),
                definition.functionSigningSecret(), problems);
        problems.inFile("portico.apps");
        return new App(id, AppRegistry.stableId(id.value()), providers, functions);
    }

    private static ObjectNode config(Map<String, String> fields) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        if (fields != null) {
            fields.forEach((field, value) -> {
                if ("true".equals(value) || "false".equals(value)) {
                    config.put(field, Boolean.parseBoolean(value));
                } else {
                    config.put(field, value);
                }
            });
        }
        return config;
    }
}
