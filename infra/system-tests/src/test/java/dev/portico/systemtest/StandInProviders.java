package dev.portico.systemtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.command.app.FunctionEndpoint;
import dev.portico.command.app.FunctionEndpoints;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import dev.portico.testsupport.standin.FacebookStandIn;
import dev.portico.testsupport.standin.FunctionStandIn;
import dev.portico.testsupport.standin.OidcStandIn;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google, Apple, Facebook and the app's functions (its auth function and {@code sum}, which users call) as
 * real HTTP servers on 127.0.0.1, the token of an internal service that writes custom data, and the app the
 * system tests use, {@link PorticoSystem#APP_ID}, with every provider pointed at them, configured as an
 * exported app would be (an {@link AppSource} next to the service's settings). The realm-web tests mint their
 * own Google and Apple ID tokens with the stand-ins' signing keys; an authorization code and a Facebook user
 * are prepared here and handed to them.
 */
final class StandInProviders implements AutoCloseable {
    static final String GOOGLE_CLIENT_ID = "portico-e2e.apps.googleusercontent.com";
    static final String GOOGLE_CLIENT_SECRET = "google-e2e-client-secret";
    static final String APPLE_CLIENT_ID = "dev.portico.e2e";
    static final String FACEBOOK_APP_ID = "515151515151";
    static final String FACEBOOK_APP_SECRET = "facebook-e2e-app-secret";
    static final String FUNCTION_SIGNING_SECRET = "portico-e2e-function-signing-secret-0123456789";
    static final String AUTH_FUNCTION = "authenticate";
    /** What the reset function of SystemTestApps.FUNCTIONS_APP takes as proof (the client's first argument). */
    static final String RESET_ANSWER = "the name of my first cat";
    /** A function users call: the sum of its numeric arguments. */
    static final String SUM_FUNCTION = "sum";
    /** The field of the app's custom data that holds the user's id, as an export's custom_user_data.json names it. */
    static final String USER_ID_FIELD = "user_id";

    private final OidcStandIn google = new OidcStandIn("https://accounts.google.com");
    private final OidcStandIn apple = new OidcStandIn("https://appleid.apple.com");
    private final FacebookStandIn facebook = new FacebookStandIn(FACEBOOK_APP_ID, FACEBOOK_APP_SECRET);
    /** The auth function: a payload's {@code username} is the id, unless its {@code password} is not "open sesame". */
    private final FunctionStandIn functions = new FunctionStandIn(FUNCTION_SIGNING_SECRET).define(AUTH_FUNCTION, call -> {
        var payload = call.arguments().path(0);
        if (!"open sesame".equals(payload.path("password").asText())) {
            return FunctionStandIn.error("wrong password");
        }
        return FunctionStandIn.result(Map.of("id", payload.path("username").asText(), "name", "User "
                + payload.path("username").asText()));
    }).define(SUM_FUNCTION, call -> {
        double sum = 0;
        for (var argument : call.arguments()) {
            sum += argument.asDouble();
        }
        return FunctionStandIn.result(sum);
    });
    /** Registrations the confirmation function has answered pending once. */
    private final Set<String> confirmationsPending = ConcurrentHashMap.newKeySet();
    /** The token of the internal service that writes users' custom data through the service API. */
    private final String serviceToken = "e2e-service-" + UUID.randomUUID();
    private final String googleCode = "4/0A" + UUID.randomUUID();
    private final String googleCodeSubject = "1" + (UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE);
    private final String facebookToken = "EAAB" + UUID.randomUUID().toString().replace("-", "");
    private final String facebookUserId = Long.toString(UUID.randomUUID().getLeastSignificantBits() & Long.MAX_VALUE);
    private final ObjectNode facebookProfile = JsonNodeFactory.instance.objectNode().put("name", "Facebook Person")
            .put("first_name", "Facebook").put("last_name", "Person").put("email", "fb.person@example.com");

    StandInProviders() {
        google.acceptCode(googleCode, new OidcStandIn.Code(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, "postmessage",
                google.idToken(GOOGLE_CLIENT_ID, googleCodeSubject, Map.of("name", "Code Person"))));
        facebook.user(facebookToken, facebookUserId, facebookProfile);
        // SystemTestApps.FUNCTIONS_APP's: an address starting "pending." is pending the first time and confirmed
        // the next, one starting "refused." fails, any other is confirmed; a reset needs RESET_ANSWER.
        functions.define(SystemTestApps.CONFIRM_FUNCTION, call -> {
            String username = call.arguments().path(0).path("username").asText();
            String status = username.startsWith("refused.") ? "fail"
                    : username.startsWith("pending.") && confirmationsPending.add(username) ? "pending" : "success";
            return FunctionStandIn.result(Map.of("status", status));
        });
        functions.define(SystemTestApps.RESET_FUNCTION, call -> FunctionStandIn.result(Map.of("status",
                RESET_ANSWER.equals(call.arguments().path(1).asText()) ? "success" : "fail")));
    }

    /** The command-service's settings that point it at the stand-ins. */
    Map<String, String> commandSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("portico.oauth.google.jwks-uri", google.jwksUri().toString());
        settings.put("portico.oauth.google.token-uri", google.tokenUri().toString());
        settings.put("portico.oauth.apple.jwks-uri", apple.jwksUri().toString());
        settings.put("portico.oauth.facebook.graph-url", facebook.graphUrl().toString());
        settings.put("portico.services[0].name", "e2e-service");
        settings.put("portico.services[0].token", serviceToken);
        return settings;
    }

    /** The token of the internal service that writes users' custom data (the service API). */
    String serviceToken() {
        return serviceToken;
    }

    /** What the realm-web tests need to mint tokens and use the prepared code and Facebook user. */
    Map<String, String> nodeEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORTICO_E2E_SERVICE_TOKEN", serviceToken);
        environment.put("PORTICO_E2E_GOOGLE_JWK", google.signingKey().toJSONString());
        environment.put("PORTICO_E2E_GOOGLE_ISSUER", google.issuer());
        environment.put("PORTICO_E2E_GOOGLE_CLIENT_ID", GOOGLE_CLIENT_ID);
        environment.put("PORTICO_E2E_GOOGLE_CODE", googleCode);
        environment.put("PORTICO_E2E_GOOGLE_CODE_SUBJECT", googleCodeSubject);
        environment.put("PORTICO_E2E_APPLE_JWK", apple.signingKey().toJSONString());
        environment.put("PORTICO_E2E_APPLE_ISSUER", apple.issuer());
        environment.put("PORTICO_E2E_APPLE_CLIENT_ID", APPLE_CLIENT_ID);
        environment.put("PORTICO_E2E_FACEBOOK_TOKEN", facebookToken);
        environment.put("PORTICO_E2E_FACEBOOK_USER_ID", facebookUserId);
        environment.put("PORTICO_E2E_FACEBOOK_PROFILE", facebookProfile.toString());
        environment.put("PORTICO_E2E_MAIL_APP_ID", SystemTestApps.MAIL_APP);
        environment.put("PORTICO_E2E_CONFIRM_URL", SystemTestApps.CONFIRM_URL);
        environment.put("PORTICO_E2E_RESET_URL", SystemTestApps.RESET_URL);
        environment.put("PORTICO_E2E_FUNCTIONS_APP_ID", SystemTestApps.FUNCTIONS_APP);
        environment.put("PORTICO_E2E_RESET_ANSWER", RESET_ANSWER);
        return environment;
    }

    /**
     * The system tests' app with every provider this build offers (API keys and custom JWT: SystemTestApps),
     * and the email/password apps of SystemTestApps, whose functions run here.
     */
    AppSource appSource() {
        String id = PorticoSystem.APP_ID;
        List<MetadataField> oauthFields = optional("name", "first_name", "last_name", "picture", "email");
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        providers.put(ProviderType.ANONYMOUS, LoginProvider.of(ProviderType.ANONYMOUS, providerId(ProviderType.ANONYMOUS)));
        providers.put(ProviderType.CUSTOM_FUNCTION, provider(ProviderType.CUSTOM_FUNCTION,
                config().put("authFunctionName", AUTH_FUNCTION), Map.of(), List.of()));
        providers.put(ProviderType.GOOGLE, provider(ProviderType.GOOGLE, config().put("clientId", GOOGLE_CLIENT_ID),
                Map.of("clientSecret", List.of(GOOGLE_CLIENT_SECRET)), oauthFields));
        providers.put(ProviderType.APPLE, provider(ProviderType.APPLE, config().put("clientId", APPLE_CLIENT_ID),
                Map.of("clientSecret", List.of("apple-client-secret-jwt")), optional("email")));
        providers.put(ProviderType.FACEBOOK, provider(ProviderType.FACEBOOK, config().put("clientId", FACEBOOK_APP_ID),
                Map.of("clientSecret", List.of(FACEBOOK_APP_SECRET)), oauthFields));
        providers.put(ProviderType.EMAIL_PASSWORD, provider(ProviderType.EMAIL_PASSWORD,
                config().put("autoConfirm", true), Map.of(), List.of()));
        App app = new App(new AppId(id), AppRegistry.stableId(id), providers, new FunctionEndpoints(
                Map.of(AUTH_FUNCTION, new FunctionEndpoint(AUTH_FUNCTION, functions.url(AUTH_FUNCTION), true),
                        SUM_FUNCTION, new FunctionEndpoint(SUM_FUNCTION, functions.url(SUM_FUNCTION), false)),
                FUNCTION_SIGNING_SECRET), USER_ID_FIELD);
        FunctionEndpoints userpassFunctions = new FunctionEndpoints(Map.of(
                SystemTestApps.CONFIRM_FUNCTION, new FunctionEndpoint(SystemTestApps.CONFIRM_FUNCTION,
                        functions.url(SystemTestApps.CONFIRM_FUNCTION), true),
                SystemTestApps.RESET_FUNCTION, new FunctionEndpoint(SystemTestApps.RESET_FUNCTION,
                        functions.url(SystemTestApps.RESET_FUNCTION), true)), FUNCTION_SIGNING_SECRET);
        return problems -> List.of(app, SystemTestApps.mailApp(), SystemTestApps.functionsApp(userpassFunctions));
    }

    private static LoginProvider provider(ProviderType type, ObjectNode config, Map<String, List<String>> secrets,
            List<MetadataField> fields) {
        return new LoginProvider(type, type.wireName(), providerId(type), false, config, secrets, fields, List.of(),
                List.of());
    }

    /** As the service's settings would name it, so that the anonymous provider keeps its id. */
    private static String providerId(ProviderType type) {
        return AppRegistry.stableId(PorticoSystem.APP_ID + "/" + type.wireName());
    }

    private static List<MetadataField> optional(String... names) {
        return java.util.Arrays.stream(names).map(name -> new MetadataField(false, name, null)).toList();
    }

    private static ObjectNode config() {
        return new ObjectMapper().createObjectNode();
    }

    @Override
    public void close() {
        google.close();
        apple.close();
        facebook.close();
        functions.close();
    }
}
