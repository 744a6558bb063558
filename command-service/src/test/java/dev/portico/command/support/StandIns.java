package dev.portico.command.support;

import dev.portico.testsupport.standin.FacebookStandIn;
import dev.portico.testsupport.standin.FunctionStandIn;
import dev.portico.testsupport.standin.OidcStandIn;
import dev.portico.testsupport.standin.StandInServer;
import java.util.Map;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The services a login calls out to, as real HTTP servers on 127.0.0.1, one of each for the whole test run:
 * Google and Apple (key sets, Google's token endpoint), Facebook's Graph API, and the test apps' function
 * endpoints. Tests keep apart by using identities of their own.
 */
public final class StandIns {
    public static final String GOOGLE_CLIENT_ID = "portico-test.apps.googleusercontent.com";
    public static final String GOOGLE_CLIENT_SECRET = "google-test-client-secret";
    public static final String APPLE_CLIENT_ID = "dev.portico.test";
    public static final String FACEBOOK_APP_ID = "424242424242";
    public static final String FACEBOOK_APP_SECRET = "facebook-test-app-secret";
    public static final String FUNCTION_SIGNING_SECRET = "portico-test-function-signing-secret-0123456789";
    /** The auth function of test-app's custom-function provider; see {@link #authenticate}. */
    public static final String AUTH_FUNCTION = "authenticate";
    /** Adds its numeric arguments; {@code sum("fail")} throws. */
    public static final String SUM_FUNCTION = "sum";
    /** Returns what it got: {@code {"arguments": […], "caller": {…}}}. */
    public static final String WHOAMI_FUNCTION = "whoami";

    public static final OidcStandIn GOOGLE = new OidcStandIn("https://accounts.google.com");
    public static final OidcStandIn APPLE = new OidcStandIn("https://appleid.apple.com");
    public static final FacebookStandIn FACEBOOK = new FacebookStandIn(FACEBOOK_APP_ID, FACEBOOK_APP_SECRET);
    public static final FunctionStandIn FUNCTIONS = new FunctionStandIn(FUNCTION_SIGNING_SECRET)
            .define(AUTH_FUNCTION, StandIns::authenticate)
            .define(SUM_FUNCTION, StandIns::sum)
            .define(WHOAMI_FUNCTION, call -> FunctionStandIn.result(java.util.Map.of("arguments", call.arguments(),
                    "caller", call.caller())));

    private StandIns() {
    }

    /**
     * An auth function that does what the payload asks, so that a test can log one person in many times and
     * exercise every kind of answer: {@code subject} → that id; {@code answer} → that value as the result;
     * {@code fail} → that error; {@code reply: {status, contentType, body}} → that raw HTTP answer.
     */
    private static StandInServer.Reply authenticate(FunctionStandIn.Call call) {
        var payload = call.arguments().path(0);
        if (payload.path("subject").isTextual()) {
            return FunctionStandIn.result(payload.get("subject").asText());
        }
        if (payload.has("answer")) {
            return FunctionStandIn.result(payload.get("answer"));
        }
        if (payload.path("fail").isTextual()) {
            return FunctionStandIn.error(payload.get("fail").asText());
        }
        if (payload.path("reply").isObject()) {
            var reply = payload.get("reply");
            return StandInServer.Reply.text(reply.path("status").asInt(200),
                    reply.path("contentType").isTextual() ? reply.get("contentType").asText() : null,
                    reply.path("body").asText(""));
        }
        return FunctionStandIn.error("no subject");
    }

    private static StandInServer.Reply sum(FunctionStandIn.Call call) {
        double sum = 0;
        for (var argument : call.arguments()) {
            if (!argument.isNumber()) {
                return FunctionStandIn.error("sum takes numbers, not " + argument);
            }
            sum += argument.asDouble();
        }
        return FunctionStandIn.result(sum);
    }

    /** Points the service at the stand-ins, and lets a token signed by a new key fetch the key set at once. */
    public static class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(Map.of(
                    "portico.oauth.google.jwks-uri", GOOGLE.jwksUri().toString(),
                    "portico.oauth.google.token-uri", GOOGLE.tokenUri().toString(),
                    "portico.oauth.apple.jwks-uri", APPLE.jwksUri().toString(),
                    "portico.oauth.facebook.graph-url", FACEBOOK.graphUrl().toString(),
                    "portico.oauth.jwks-rate-limit", "0s")).applyTo(context.getEnvironment());
        }
    }
}
