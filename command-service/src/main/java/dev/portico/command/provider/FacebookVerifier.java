package dev.portico.command.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.outbound.AnswerJson;
import dev.portico.command.outbound.BoundedHttp;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Facebook Login: a user {@code accessToken}, inspected with the Graph API's {@code debug_token} under the
 * app's access token ({@code clientId|clientSecret}): it must be valid, a user's, and issued to this app (a
 * token of another app proves nothing here). The identity is the app-scoped user id; the profile comes from
 * {@code /me}, asked only for the fields the app configured, with {@code appsecret_proof} so that the call
 * works for apps that require it. Tokens and the app's secret travel in headers, never in a logged URL.
 */
@Component
class FacebookVerifier implements IdentityVerifier {
    static final String NAME = ProviderType.FACEBOOK.wireName();
    /** Facebook's user tokens are a few hundred characters. */
    static final int MAX_TOKEN_LENGTH = 4096;
    private static final Logger log = LoggerFactory.getLogger(FacebookVerifier.class);
    /** The Graph fields behind each profile field App Services knew. */
    private static final Map<String, String> GRAPH_FIELDS = Map.of("name", "name", "first_name", "first_name",
            "last_name", "last_name", "email", "email", "gender", "gender", "birthday", "birthday",
            "picture", "picture", "min_age", "age_range", "max_age", "age_range");

    private final String graph;
    private final BoundedHttp http;
    private final Clock clock;

    FacebookVerifier(OAuthProperties properties, Clock clock) {
        this.graph = properties.facebook().graphUrl().toString().replaceAll("/+$", "");
        this.http = new BoundedHttp(properties.timeout(), 64 * 1024);
        this.clock = clock;
    }

    @Override
    public ProviderType type() {
        return ProviderType.FACEBOOK;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        LoginProvider provider = credentials.provider();
        String token = CredentialFields.string(NAME, credentials.fields(), "accessToken", MAX_TOKEN_LENGTH)
                .orElseThrow(() -> new MalformedCredentials(NAME + ": expected accessToken"));
        String appId = provider.config().path("clientId").asText();
        String secret = provider.secret("clientSecret").orElseThrow(() -> new LoginRefused("AuthError",
                NAME + ": this app cannot check access tokens, it has no client secret"));
        String userId = inspect(token, appId, secret);
        JsonNode me = profile(provider, token, secret);
        if (!userId.equals(me.path("id").asText())) {
            throw refused("the token's user and profile differ");
        }
        ObjectNode available = JsonNodeFactory.instance.objectNode();
        for (String field : new String[] {"name", "first_name", "last_name", "email", "gender", "birthday"}) {
            if (me.path(field).isTextual()) {
                available.put(field, me.get(field).asText());
            }
        }
        if (me.path("picture").path("data").path("url").isTextual()) {
            available.put("picture", me.get("picture").get("data").get("url").asText());
        }
        if (me.path("age_range").path("min").isNumber()) {
            available.set("min_age", me.get("age_range").get("min"));
        }
        if (me.path("age_range").path("max").isNumber()) {
            available.set("max_age", me.get("age_range").get("max"));
        }
        // Facebook returns only confirmed addresses.
        ProfileFields.checkDomain(provider, available.path("email").isTextual() ? available.get("email").asText() : null,
                true);
        return new VerifiedIdentity(ProviderType.FACEBOOK, provider.id(), userId,
                ProfileFields.select(provider, available), UserType.NORMAL, false);
    }

    /** {@code debug_token}: the user id, if the token is a valid, unexpired user token of this app. */
    private String inspect(String token, String appId, String secret) {
        JsonNode answer = get(URI.create(graph + "/debug_token?input_token=" + encode(token)), appId + "|" + secret,
                "debug_token");
        if (answer == null) {
            log.warn("{}: debug_token refused the app's access token; check clientId and clientSecret", NAME);
            throw new ProviderUnavailable(NAME);
        }
        JsonNode data = answer.path("data");
        if (!data.path("is_valid").asBoolean(false)) {
            throw refused("it is not valid");
        }
        if (!appId.equals(data.path("app_id").asText())) {
            throw refused("it was issued to another app");
        }
        if (data.has("type") && !"USER".equals(data.path("type").asText())) {
            throw refused("it is not a user's token");
        }
        long expiresAt = data.path("expires_at").asLong(0);
        if (expiresAt != 0 && expiresAt <= clock.instant().getEpochSecond()) {
            throw refused("it has expired");
        }
        String userId = data.path("user_id").asText("");
        if (userId.isBlank() || userId.length() > IdTokens.MAX_SUBJECT_LENGTH) {
            throw refused("it names no user");
        }
        return userId;
    }

    /** {@code /me} with the fields the app keeps (and the e-mail address its domain restrictions need). */
    private JsonNode profile(LoginProvider provider, String token, String secret) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("id");
        provider.metadataFields().forEach(field -> {
            String graphField = GRAPH_FIELDS.get(field.name());
            if (graphField != null) {
                fields.add(graphField);
            }
        });
        if (!provider.domainRestrictions().isEmpty()) {
            fields.add("email");
        }
        JsonNode me = get(URI.create(graph + "/me?fields=" + encode(String.join(",", fields)) + "&appsecret_proof="
                + appSecretProof(token, secret)), token, "/me");
        if (me == null) {
            throw refused("its profile cannot be read with it");
        }
        return me;
    }

    /** The answer, null when Graph refused the call (HTTP 400, 401 or 403); unavailable on anything else. */
    private JsonNode get(URI url, String bearer, String what) {
        HttpRequest request = HttpRequest.newBuilder(url).header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer).GET().build();
        BoundedHttp.Answer answer;
        try {
            answer = http.send(request);
        } catch (BoundedHttp.Failure e) {
            log.warn("{}: {} failed: {}", NAME, what, e.getMessage());
            throw new ProviderUnavailable(NAME);
        }
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            return null;
        }
        JsonNode json = answer.isJson() ? AnswerJson.parse(answer.body()).filter(JsonNode::isObject).orElse(null) : null;
        if (!answer.isSuccess() || json == null) {
            log.warn("{}: {} answered HTTP {} {}", NAME, what, answer.status(), json == null ? "without a JSON object" : "");
            throw new ProviderUnavailable(NAME);
        }
        return json;
    }

    private static String appSecretProof(String token, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static LoginRefused refused(String reason) {
        return new LoginRefused("AuthError", NAME + ": invalid accessToken: " + reason);
    }

    @Override
    public void checkConfiguration(LoginProvider provider, ConfigurationProblems problems) {
        OAuthChecks.clientId(provider, problems);
        if (provider.secret("clientSecret").isEmpty()) {
            problems.warning("secret_config.clientSecret", NAME + " has no client secret: its access tokens cannot "
                    + "be inspected, so its logins are refused");
        }
        ProfileFields.checkConfiguration(provider, ProfileFields.OAUTH_NAMES, true, problems);
    }
}
