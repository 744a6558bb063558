package dev.portico.command.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.FunctionEndpoint;
import dev.portico.command.app.FunctionEndpoints;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The apps of the command-service tests, configured as an exported app would be (provider settings, resolved
 * secrets, metadata fields) and pointed at the {@link StandIns}:
 * <ul>
 * <li>{@code test-app}: anonymous; custom-function with the {@code authenticate} function (private); the
 * functions {@code sum} and {@code whoami} that users call; Google, Apple and Facebook keeping every profile field
 * they know, none required;</li>
 * <li>{@code other-app}: anonymous only;</li>
 * <li>{@code restricted-app}: Google and Facebook admitting only verified addresses at example.com, with
 * {@code email} required.</li>
 * </ul>
 */
public class TestApps implements AppSource {
    public static final List<String> OAUTH_FIELDS = List.of("name", "first_name", "last_name", "picture", "email",
            "gender", "birthday", "min_age", "max_age");

    @Override
    public List<App> apps(ConfigurationProblems problems) {
        return List.of(testApp(), app("other-app", Map.of(ProviderType.ANONYMOUS, simple("other-app", ProviderType.ANONYMOUS)),
                FunctionEndpoints.NONE), restrictedApp());
    }

    private static App testApp() {
        String id = "test-app";
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        providers.put(ProviderType.ANONYMOUS, simple(id, ProviderType.ANONYMOUS));
        providers.put(ProviderType.CUSTOM_FUNCTION, provider(id, ProviderType.CUSTOM_FUNCTION,
                config().put("authFunctionName", StandIns.AUTH_FUNCTION), Map.of(), List.of(), List.of()));
        providers.put(ProviderType.GOOGLE, provider(id, ProviderType.GOOGLE,
                config().put("clientId", StandIns.GOOGLE_CLIENT_ID).put("openId", true),
                Map.of("clientSecret", List.of(StandIns.GOOGLE_CLIENT_SECRET)), optional(OAUTH_FIELDS.subList(0, 5)),
                List.of()));
        providers.put(ProviderType.APPLE, provider(id, ProviderType.APPLE, config().put("clientId", StandIns.APPLE_CLIENT_ID),
                Map.of(), optional(List.of("email")), List.of()));
        providers.put(ProviderType.FACEBOOK, provider(id, ProviderType.FACEBOOK,
                config().put("clientId", StandIns.FACEBOOK_APP_ID),
                Map.of("clientSecret", List.of(StandIns.FACEBOOK_APP_SECRET)), optional(OAUTH_FIELDS), List.of()));
        return app(id, providers, new FunctionEndpoints(Map.of(
                StandIns.AUTH_FUNCTION, endpoint(StandIns.AUTH_FUNCTION, true),
                StandIns.SUM_FUNCTION, endpoint(StandIns.SUM_FUNCTION, false),
                StandIns.WHOAMI_FUNCTION, endpoint(StandIns.WHOAMI_FUNCTION, false)),
                StandIns.FUNCTION_SIGNING_SECRET));
    }

    private static FunctionEndpoint endpoint(String name, boolean isPrivate) {
        return new FunctionEndpoint(name, StandIns.FUNCTIONS.url(name), isPrivate);
    }

    private static App restrictedApp() {
        String id = "restricted-app";
        List<MetadataField> fields = List.of(new MetadataField(true, "email", null), new MetadataField(false, "name", null));
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        providers.put(ProviderType.GOOGLE, provider(id, ProviderType.GOOGLE, config().put("clientId", StandIns.GOOGLE_CLIENT_ID),
                Map.of("clientSecret", List.of(StandIns.GOOGLE_CLIENT_SECRET)), fields, List.of("example.com")));
        providers.put(ProviderType.FACEBOOK, provider(id, ProviderType.FACEBOOK,
                config().put("clientId", StandIns.FACEBOOK_APP_ID),
                Map.of("clientSecret", List.of(StandIns.FACEBOOK_APP_SECRET)), fields, List.of("example.com")));
        return app(id, providers, FunctionEndpoints.NONE);
    }

    private static App app(String id, Map<ProviderType, LoginProvider> providers, FunctionEndpoints functions) {
        return new App(new AppId(id), AppRegistry.stableId(id), providers, functions);
    }

    private static LoginProvider simple(String app, ProviderType type) {
        return LoginProvider.of(type, providerId(app, type));
    }

    private static LoginProvider provider(String app, ProviderType type, ObjectNode config,
            Map<String, List<String>> secrets, List<MetadataField> fields, List<String> domains) {
        return new LoginProvider(type, type.wireName(), providerId(app, type), false, config, secrets, fields, List.of(),
                domains);
    }

    private static String providerId(String app, ProviderType type) {
        return AppRegistry.stableId(app + "/" + type.wireName());
    }

    private static List<MetadataField> optional(List<String> names) {
        return names.stream().map(name -> new MetadataField(false, name, null)).toList();
    }

    private static ObjectNode config() {
        return JsonNodeFactory.instance.objectNode();
    }
}
