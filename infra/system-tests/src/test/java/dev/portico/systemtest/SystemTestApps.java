package dev.portico.systemtest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The app of the API-key and custom-JWT tests, given to the command-service the way an exported app
 * directory will give it (provider settings as {@code auth/providers.json} writes them, the signing key as a
 * resolved secret): anonymous logins, API keys, and custom JWTs signed HS256 with a key made per run.
 */
@Configuration(proxyBeanMethods = false)
class SystemTestApps {
    static final String TOKENS_APP = "portico-e2e-tokens";
    static final String AUDIENCE = "portico-e2e-api";
    static final String SIGNING_KEY_PROPERTY = "portico.e2e.jwt-signing-key";

    @Bean
    AppSource systemTestAppSource(@Value("${" + SIGNING_KEY_PROPERTY + "}") String signingKey) {
        return problems -> {
            ObjectNode config = JsonNodeFactory.instance.objectNode();
            config.putArray("audience").add(AUDIENCE);
            config.put("requireAnyAudience", false).put("signingAlgorithm", "HS256").put("useJWKURI", false);
            LoginProvider customToken = new LoginProvider(ProviderType.CUSTOM_JWT, "custom-token", id("custom-token"),
                    false, config, Map.of("signingKeys", List.of(signingKey)),
                    List.of(new LoginProvider.MetadataField(true, "email", "email"),
                            new LoginProvider.MetadataField(false, "name", "name")), null, null);
            return List.of(new App(new AppId(TOKENS_APP), AppRegistry.stableId(TOKENS_APP), Map.of(
                    ProviderType.ANONYMOUS, LoginProvider.of(ProviderType.ANONYMOUS, id("anon-user")),
                    ProviderType.API_KEY, LoginProvider.of(ProviderType.API_KEY, id("api-key")),
                    ProviderType.CUSTOM_JWT, customToken)));
        };
    }

    private static String id(String provider) {
        return AppRegistry.stableId(TOKENS_APP + "/" + provider);
    }
}
