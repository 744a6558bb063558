package dev.portico.bench;

import java.io.IOException;

/**
 * The client API calls that scenario set-up makes, over one connection of ours, exactly as realm-web 2.0.1
 * sends them (see shared/spec/app-services-client-api.md §3, §4, §7, §8, §12).
 */
final class ClientApi implements AutoCloseable {
    static final String DEVICE_OPTIONS =
            "\"options\":{\"device\":{\"sdkVersion\":\"2.0.1\",\"platform\":\"node\",\"platformVersion\":\"20.20.2\"}}";
    static final String ANONYMOUS_LOGIN_BODY = "{" + DEVICE_OPTIONS + "}";
    static final String SESSION_PATH = "/api/client/v2.0/auth/session";
    static final String PROFILE_PATH = "/api/client/v2.0/auth/profile";
    static final String API_KEYS_PATH = "/api/client/v2.0/auth/api_keys";

    private final Target target;
    private final String appId;
    private final Transport connection;
    private final Reply reply = new Reply();

    ClientApi(Target target, String appId, int timeoutMillis) {
        this.target = target;
        this.appId = appId;
        this.connection = Transport.Kind.RAW.open(target, timeoutMillis);
    }

    static String loginPath(String appId, String provider) {
        return "/api/client/v2.0/app/" + appId + "/auth/providers/" + provider + "/login";
    }

    static String passwordLoginBody(String username, String password) {
        return "{\"username\":" + Json.quote(username) + ",\"password\":" + Json.quote(password) + "," + DEVICE_OPTIONS + "}";
    }

    static String apiKeyLoginBody(String key) {
        return "{\"key\":" + Json.quote(key) + "," + DEVICE_OPTIONS + "}";
    }

    /** A session's tokens, and the user it belongs to (null when the login answer does not name it). */
    record Session(String accessToken, String refreshToken, String userId) {
    }

    Session anonymousLogin() throws IOException, Unavailable {
        return login("anon-user", ANONYMOUS_LOGIN_BODY);
    }

    Session passwordLogin(String username, String password) throws IOException, Unavailable {
        return login("local-userpass", passwordLoginBody(username, password));
    }

    Session login(String provider, String body) throws IOException, Unavailable {
        send(Call.post(target, loginPath(appId, provider), null, body));
        expect(200, provider + " login");
        String access = Json.string(reply.text(), "access_token");
        String refresh = Json.string(reply.text(), "refresh_token");
        if (access == null || refresh == null) {
            throw new Unavailable(provider + " login answered without tokens: " + abbreviate(reply.text()));
        }
        return new Session(access, refresh, Json.string(reply.text(), "user_id"));
    }

    /** A fresh access token for the session of a refresh token. */
    String refresh(String refreshToken) throws IOException, Unavailable {
        send(Call.post(target, SESSION_PATH, refreshToken, null));
        expect(201, "refresh");
        String access = Json.string(reply.text(), "access_token");
        if (access == null) {
            throw new Unavailable("refresh answered without an access token: " + abbreviate(reply.text()));
        }
        return access;
    }

    void register(String email, String password) throws IOException, Unavailable {
        send(Call.post(target, "/api/client/v2.0/app/" + appId + "/auth/providers/local-userpass/register", null,
                "{\"email\":" + Json.quote(email) + ",\"password\":" + Json.quote(password) + "}"));
        if (!reply.success()) {
            throw new Unavailable("registration answered HTTP " + reply.status + " " + abbreviate(reply.text()));
        }
    }

    /** Creates a user API key with the session's refresh token; returns its secret. */
    String createApiKey(String refreshToken, String name) throws IOException, Unavailable {
        send(Call.post(target, API_KEYS_PATH, refreshToken, "{\"name\":" + Json.quote(name) + "}"));
        if (!reply.success()) {
            throw new Unavailable("API key creation answered HTTP " + reply.status + " " + abbreviate(reply.text()));
        }
        String key = Json.string(reply.text(), "key");
        if (key == null) {
            throw new Unavailable("API key creation answered without a key: " + abbreviate(reply.text()));
        }
        return key;
    }

    private void send(Call call) throws IOException {
        connection.exchange(call, reply);
    }

    private void expect(int status, String what) throws Unavailable {
        if (reply.status != status) {
            throw new Unavailable(what + " answered HTTP " + reply.status + " (expected " + status + "): "
                    + abbreviate(reply.text()));
        }
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A scenario cannot be set up on this system (a provider is not enabled, say). */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }
}
