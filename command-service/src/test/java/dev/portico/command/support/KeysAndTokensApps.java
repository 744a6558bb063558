package dev.portico.command.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.AppSource;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Apps with API keys and custom JWTs, configured as an exported app would be (provider settings as
 * {@code auth/providers.json} writes them, secrets resolved), beside the apps of {@link CommandServiceTest}.
 * Test classes that add {@link WithKeysAndTokens} share one running service.
 */
@TestConfiguration(proxyBeanMethods = false)
public class KeysAndTokensApps {
    /** anon-user, custom-function (trusted subject), api-key, and custom-token with two HS256 keys. */
    public static final String KEYS_APP = "keys-app";
    /** Lists api-key, but disabled: no keys are made or used there. */
    public static final String NO_KEYS_APP = "no-keys-app";
    /** custom-token with audiences aud-a and aud-b, any one of which will do. */
    public static final String ANY_AUDIENCE_APP = "jwt-any-audience";
    /** custom-token with audiences aud-a and aud-b, both required. */
    public static final String ALL_AUDIENCES_APP = "jwt-all-audiences";
    /** custom-token with no audience configured: the token's must be the client app id. */
    public static final String DEFAULT_AUDIENCE_APP = "jwt-default-audience";
    /** custom-token with an RS256 public key given as a secret (PEM); api-key. */
    public static final String RSA_KEY_APP = "jwt-rsa-key";
    /** custom-token with keys from a JWK URI, one app per key-set scenario (see {@link #JWKS_PATHS}). */
    public static final String JWKS_APP_PREFIX = "jwks-";
    public static final List<String> JWKS_PATHS = List.of("/rotation/jwks.json", "/made-up-kids/jwks.json",
            "/oversized/jwks.json", "/stalled/jwks.json");

    public static final String AUDIENCE = "keys-app-api";
    public static final String SIGNING_KEY = "portico-test-signing-key-one-0123456789abcdef";
    public static final String SECOND_SIGNING_KEY = "portico-test-signing-key-two-0123456789abcdef";
    public static final RSAKey RSA_KEY = Jwts.rsaKey("rsa-secret-key");

    /** The operator that may create server API keys, and its token (configured as its SHA-256 only). */
    public static final String OPERATOR = "ops-team";
    public static final String OPERATOR_TOKEN = "operator-token-for-tests-0123456789abcdefghij";
    /** What the settings hold: the token's SHA-256, never the token. */
    static final String OPERATOR_TOKEN_SHA256 = "sha256:72e016c35940b30d84d08ac2cc362ba94074d5e970193a7487b8da12375cd7b0";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The extra apps, and the operator of the operator API. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Import(KeysAndTokensApps.class)
    @TestPropertySource(properties = {
            "portico.operators[0].name=" + OPERATOR,
            "portico.operators[0].token=" + OPERATOR_TOKEN_SHA256})
    public @interface WithKeysAndTokens {
    }

    /** The app of a key-set scenario, e.g. {@code jwks-rotation} for {@code /rotation/jwks.json}. */
    public static String jwksApp(String path) {
        return JWKS_APP_PREFIX + path.substring(1, path.indexOf('/', 1));
    }

    @Bean
    AppSource keysAndTokensAppSource() {
        return problems -> {
            List<App> apps = new java.util.ArrayList<>(List.of(
                    app(KEYS_APP,
                            plain(KEYS_APP, ProviderType.ANONYMOUS),
                            authFunction(KEYS_APP),
                            plain(KEYS_APP, ProviderType.API_KEY),
                            customToken(KEYS_APP, """
                                    {"audience": ["keys-app-api"], "requireAnyAudience": false,
                                     "signingAlgorithm": "HS256", "useJWKURI": false}""",
                                    Map.of("signingKeys", List.of(SIGNING_KEY, SECOND_SIGNING_KEY)),
                                    List.of(new MetadataField(true, "email", "email"),
                                            new MetadataField(false, "profile.display_name", "name"),
                                            new MetadataField(false, "https://example\\.com/tier", null)))),
                    app(NO_KEYS_APP,
                            authFunction(NO_KEYS_APP),
                            new LoginProvider(ProviderType.API_KEY, "api-key", id(NO_KEYS_APP, "api-key"), true, null,
                                    null, null, null, null)),
                    app(ANY_AUDIENCE_APP, customToken(ANY_AUDIENCE_APP, """
                            {"audience": ["aud-a", "aud-b"], "requireAnyAudience": true, "signingAlgorithm": "HS256"}""",
                            Map.of("signingKeys", List.of(SIGNING_KEY)), List.of())),
                    app(ALL_AUDIENCES_APP, customToken(ALL_AUDIENCES_APP, """
                            {"audience": ["aud-a", "aud-b"], "requireAnyAudience": "false", "signingAlgorithm": "HS256"}""",
                            Map.of("signingKeys", List.of(SIGNING_KEY)), List.of())),
                    app(DEFAULT_AUDIENCE_APP, customToken(DEFAULT_AUDIENCE_APP, """
                            {"audience": [], "signingAlgorithm": "HS256", "useJWKURI": ""}""",
                            Map.of("signingKey", List.of(SIGNING_KEY)), List.of())),
                    app(RSA_KEY_APP, customToken(RSA_KEY_APP, """
                            {"audience": "rsa-api", "signingAlgorithm": "RS256"}""",
                            Map.of("signingKeys", List.of(pem(RSA_KEY))), List.of()),
                            plain(RSA_KEY_APP, ProviderType.API_KEY))));
            for (String path : JWKS_PATHS) {
                String appId = jwksApp(path);
                apps.add(app(appId, customToken(appId, "{\"audience\": [\"jwks-api\"], \"useJWKURI\": true,"
                                + " \"signingAlgorithm\": \"\", \"jwkURI\": \"" + JwksServer.instance().url(path) + "\"}",
                        Map.of("signingKeys", List.of()), List.of())));
            }
            return apps;
        };
    }

    public static String jwks(RSAKey... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    private static App app(String id, LoginProvider... providers) {
        Map<ProviderType, LoginProvider> byType = new EnumMap<>(ProviderType.class);
        for (LoginProvider provider : providers) {
            byType.put(provider.type(), provider);
        }
        return new App(new AppId(id), AppRegistry.stableId(id), byType, byType.containsKey(ProviderType.CUSTOM_FUNCTION)
                ? new dev.portico.command.app.FunctionEndpoints(Map.of(StandIns.AUTH_FUNCTION,
                        new dev.portico.command.app.FunctionEndpoint(StandIns.AUTH_FUNCTION,
                                StandIns.FUNCTIONS.url(StandIns.AUTH_FUNCTION), true)),
                        StandIns.FUNCTION_SIGNING_SECRET)
                : dev.portico.command.app.FunctionEndpoints.NONE);
    }

    /** custom-function through the stand-in auth function, which takes the payload's {@code subject} as the id. */
    private static LoginProvider authFunction(String app) {
        var config = JSON.createObjectNode().put("authFunctionName", StandIns.AUTH_FUNCTION);
        return new LoginProvider(ProviderType.CUSTOM_FUNCTION, "custom-function", id(app, "custom-function"), false,
                config, null, null, null, null);
    }

    private static LoginProvider plain(String app, ProviderType type) {
        return LoginProvider.of(type, id(app, type.wireName()));
    }

    private static LoginProvider customToken(String app, String config, Map<String, List<String>> secrets,
            List<MetadataField> metadata) {
        try {
            return new LoginProvider(ProviderType.CUSTOM_JWT, "custom-token", id(app, "custom-token"), false,
                    (ObjectNode) JSON.readTree(config), secrets, metadata, null, null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String id(String app, String provider) {
        return AppRegistry.stableId(app + "/" + provider);
    }

    static String pem(RSAKey key) {
        try {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
