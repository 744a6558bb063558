package dev.portico.testsupport.standin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Facebook's Graph API as a login sees it: {@code /debug_token}, which inspects a user access token under the
 * app's access token ({@code appId|appSecret}), and {@code /me}, which answers the token's user with the
 * requested fields and insists on {@code appsecret_proof}, as an app with "Require App Secret" does. Either
 * token may come as {@code access_token} or in an {@code Authorization: Bearer} header, as Graph allows.
 */
public final class FacebookStandIn implements AutoCloseable {
    /** What {@code debug_token} says of a token: of which app and user, whether valid, when it expires. */
    public record TokenInfo(String appId, String userId, boolean valid, long expiresAt, String type) {
    }

    private final StandInServer server = StandInServer.start();
    private final String appId;
    private final String appSecret;
    private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> profiles = new ConcurrentHashMap<>();

    public FacebookStandIn(String appId, String appSecret) {
        this.appId = appId;
        this.appSecret = appSecret;
        server.route("/debug_token", this::debugToken);
        server.route("/me", this::me);
    }

    public URI graphUrl() {
        return server.url("");
    }

    public StandInServer server() {
        return server;
    }

    /** A valid user token of this app for {@code userId}, expiring in an hour, whose {@code /me} is {@code profile}. */
    public void user(String accessToken, String userId, ObjectNode profile) {
        token(accessToken, new TokenInfo(appId, userId, true, Instant.now().getEpochSecond() + 3600, "USER"));
        profiles.put(userId, profile.deepCopy().put("id", userId));
    }

    public void token(String accessToken, TokenInfo info) {
        tokens.put(accessToken, info);
    }

    private StandInServer.Reply debugToken(StandInServer.Request request) {
        if (!(appId + "|" + appSecret).equals(token(request))) {
            return graphError(400, 190, "Invalid OAuth access token signature.");
        }
        TokenInfo info = tokens.get(request.query().getOrDefault("input_token", ""));
        if (info == null) {
            return StandInServer.Reply.json(200, Map.of("data", Map.of("is_valid", false, "error",
                    Map.of("code", 190, "message", "Invalid OAuth access token."))));
        }
        return StandInServer.Reply.json(200, Map.of("data", Map.of("app_id", info.appId(), "type", info.type(),
                "application", "Stand-in", "expires_at", info.expiresAt(), "is_valid", info.valid(),
                "user_id", info.userId(), "scopes", java.util.List.of("public_profile", "email"))));
    }

    private StandInServer.Reply me(StandInServer.Request request) {
        String token = token(request);
        TokenInfo info = token == null ? null : tokens.get(token);
        if (info == null || !info.valid()) {
            return graphError(400, 190, "Invalid OAuth access token data.");
        }
        if (!proof(token).equals(request.query().get("appsecret_proof"))) {
            return graphError(400, 100, "Invalid appsecret_proof provided in the API argument");
        }
        ObjectNode profile = profiles.get(info.userId());
        ObjectNode answer = StandInServer.JSON.createObjectNode();
        for (String field : StandInServer.list(request.query().getOrDefault("fields", "id"))) {
            if (profile.has(field)) {
                answer.set(field, profile.get(field));
            }
        }
        return StandInServer.Reply.json(200, answer);
    }

    private static String token(StandInServer.Request request) {
        String header = request.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return header.substring("Bearer ".length());
        }
        return request.query().get("access_token");
    }

    private String proof(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StandInServer.Reply graphError(int status, int code, String message) {
        return StandInServer.Reply.json(status, Map.of("error", Map.of("message", message, "type", "OAuthException",
                "code", code)));
    }

    @Override
    public void close() {
        server.close();
    }
}
