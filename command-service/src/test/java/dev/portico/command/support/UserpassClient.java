package dev.portico.command.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.stack.EmbeddedMail;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The email/password calls realm-web makes ({@code app.emailPasswordAuth.*} and the login), as HTTP. */
public final class UserpassClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final String DEVICE = "{\"sdkVersion\":\"2.0.1\",\"platform\":\"node\",\"platformVersion\":\"20.20.2\"}";

    private final ClientApi api;

    public UserpassClient(ClientApi api) {
        this.api = api;
    }

    public static String path(String app, String operation) {
        return "/api/client/v2.0/app/" + app + "/auth/providers/local-userpass/" + operation;
    }

    public Response register(String app, String email, String password) {
        return api.post(path(app, "register"), null, body("email", email, "password", password));
    }

    public Response confirm(String app, Link link) {
        return api.post(path(app, "confirm"), null, body("token", link.token(), "tokenId", link.tokenId()));
    }

    public Response resendConfirmation(String app, String email) {
        return api.post(path(app, "confirm/send"), null, body("email", email));
    }

    public Response retryConfirmation(String app, String email) {
        return api.post(path(app, "confirm/call"), null, body("email", email));
    }

    public Response sendReset(String app, String email) {
        return api.post(path(app, "reset/send"), null, body("email", email));
    }

    public Response reset(String app, Link link, String password) {
        return api.post(path(app, "reset"), null,
                body("token", link.token(), "tokenId", link.tokenId(), "password", password));
    }

    /** {@code callResetPasswordFunction({email, password}, ...arguments)}; {@code arguments} is canonical EJSON. */
    public Response callReset(String app, String email, String password, String arguments) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        try {
            body.set("arguments", JSON.readTree(arguments));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return api.post(path(app, "reset/call"), null, body.toString());
    }

    public Response logIn(String app, String email, String password) {
        return api.post(path(app, "login"), null, loginBody(email, password));
    }

    /** A login from another client address, as a proxy in front of the service reports it. */
    public Response logInFrom(String address, String app, String email, String password) {
        return api.postWithHeaders(path(app, "login"), loginBody(email, password), Map.of("X-Forwarded-For", address));
    }

    /** Links the credentials to the user of {@code accessToken}: {@code user.linkCredentials(emailPassword)}. */
    public Response link(String app, String accessToken, String email, String password) {
        return api.post(path(app, "login") + "?link=true", accessToken, loginBody(email, password));
    }

    private static String loginBody(String email, String password) {
        return "{\"username\":" + quote(email) + ",\"password\":" + quote(password) + ",\"options\":{\"device\":"
                + DEVICE + "}}";
    }

    private static String body(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The link in a mail, and the token and token id in its query, as the app's page reads them. */
    public record Link(String url, String token, String tokenId) {
        public static Link in(EmbeddedMail.Mail mail) {
            Matcher matcher = LINK.matcher(mail.text());
            List<String> links = matcher.results().map(java.util.regex.MatchResult::group).toList();
            if (links.size() != 1) {
                throw new AssertionError("expected one link in the mail, found " + links + ":\n" + mail.text());
            }
            String url = links.get(0);
            Map<String, String> query = new LinkedHashMap<>();
            String rawQuery = URI.create(url).getRawQuery();
            for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return new Link(url, query.get("token"), query.get("tokenId"));
        }

        /** The same link with another token, e.g. a guessed one. */
        public Link withToken(String other) {
            return new Link(url, other, tokenId);
        }
    }
}
