package dev.portico.systemtest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.command.app.FunctionEndpoints;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The apps of the system tests besides {@link PorticoSystem#APP_ID}, given to the command-service the way an
 * exported app directory gives them (provider settings as {@code auth/providers.json} writes them, secrets
 * resolved): {@link #TOKENS_APP} for the API-key and custom-JWT tests (anonymous logins, API keys, and custom
 * JWTs signed HS256 with a key made per run), and two email/password apps, {@link #MAIL_APP} (confirmation and
 * reset by e-mail) and {@link #FUNCTIONS_APP} (both by the app's functions, served by {@link StandInProviders}).
 */
@Configuration(proxyBeanMethods = false)
class SystemTestApps {
    static final String TOKENS_APP = "portico-e2e-tokens";
    static final String AUDIENCE = "portico-e2e-api";
    static final String SIGNING_KEY_PROPERTY = "portico.e2e.jwt-signing-key";
    static final String MAIL_APP = "portico-e2e-mail";
    /** The pages of the app that its confirmation and reset links point at. */
    static final String CONFIRM_URL = "http://localhost:3000/confirm";
    static final String RESET_URL = "http://localhost:3000/reset-password";
    static final String FUNCTIONS_APP = "portico-e2e-functions";
    static final String CONFIRM_FUNCTION = "confirmUser";
    static final String RESET_FUNCTION = "resetPassword";

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

    /**
     * A token a custom-token provider that checks HS256 signatures with {@code signingKey} accepts for ten
     * minutes: {@code subject}, {@code audience} and the further {@code claims}.
     */
    static String customJwt(String signingKey, String audience, String subject, Map<String, Object> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject(subject).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
        claims.forEach(set::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
            jwt.sign(new MACSigner(signingKey.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(String provider) {
        return AppRegistry.stableId(TOKENS_APP + "/" + provider);
    }

    /** New accounts confirm by the link in a mail; passwords are reset by a mailed link. */
    static App mailApp() {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("autoConfirm", false)
                .put("emailConfirmationUrl", CONFIRM_URL).put("runConfirmationFunction", false)
                .put("resetPasswordUrl", RESET_URL).put("runResetFunction", false);
        return userpassApp(MAIL_APP, config, FunctionEndpoints.NONE);
    }

    /** New accounts are confirmed, and passwords reset, by the app's functions at {@code functions}. */
    static App functionsApp(FunctionEndpoints functions) {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("autoConfirm", false)
                .put("runConfirmationFunction", true).put("confirmationFunctionName", CONFIRM_FUNCTION)
                .put("runResetFunction", true).put("resetFunctionName", RESET_FUNCTION);
        return userpassApp(FUNCTIONS_APP, config, functions);
    }

    private static App userpassApp(String app, ObjectNode config, FunctionEndpoints functions) {
        return new App(new AppId(app), AppRegistry.stableId(app), Map.of(ProviderType.EMAIL_PASSWORD,
                new LoginProvider(ProviderType.EMAIL_PASSWORD, "local-userpass",
                        AppRegistry.stableId(app + "/local-userpass"), false, config, Map.of(), List.of(), List.of(),
                        List.of())), functions);
    }
}
