package dev.portico.command.app;

import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds apps by their client app id. Configuration errors fail the start, not the first login. */
@Component
public class AppRegistry {
    private final Map<String, App> apps = new LinkedHashMap<>();

    public AppRegistry(AppProperties properties) {
        for (AppProperties.AppDefinition definition : properties.apps()) {
            App app = toApp(definition);
            if (apps.putIfAbsent(app.id().value(), app) != null) {
                throw new IllegalStateException("app " + app.id() + " is configured twice");
            }
        }
    }

    /** A plain set: the JOSE library asks it whether it contains null. */
    public java.util.Set<String> clientAppIds() {
        return java.util.Collections.unmodifiableSet(new java.util.HashSet<>(apps.keySet()));
    }

    public Optional<App> find(String clientAppId) {
        return Optional.ofNullable(apps.get(clientAppId));
    }

    private static App toApp(AppProperties.AppDefinition definition) {
        if (definition.clientAppId() == null || definition.clientAppId().isBlank()) {
            throw new IllegalStateException("an app in portico.apps has no client-app-id");
        }
        AppId id = new AppId(definition.clientAppId());
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        for (String name : definition.providers()) {
            ProviderType type = ProviderType.fromWireName(name).orElseThrow(() -> new IllegalStateException(
                    "app " + id + " enables unknown login provider '" + name + "'"));
            providers.put(type, LoginProvider.of(type, stableId(id.value() + "/" + name)));
        }
        return new App(id, stableId(id.value()), providers);
    }

    /** An ObjectId-shaped id that stays the same across restarts and instances. */
    private static String stableId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
