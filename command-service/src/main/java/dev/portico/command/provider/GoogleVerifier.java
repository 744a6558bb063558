package dev.portico.command.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.outbound.AnswerJson;
import dev.portico.command.outbound.BoundedHttp;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sign in with Google: an {@code id_token}, or an {@code authCode} the client obtained, which is exchanged at
 * Google's token endpoint (with the app's client secret) for one. The ID token must be Google's, for the app's
 * client id, and unexpired; the identity is its {@code sub}. The profile maps Google's claims onto App Services'
 * names ({@code given_name} → {@code first_name}, {@code family_name} → {@code last_name}).
 */
@Component
class GoogleVerifier implements IdentityVerifier {
    static final String NAME = ProviderType.GOOGLE.wireName();
    /** Google's authorization codes are about 100 characters. */
    static final int MAX_CODE_LENGTH = 2048;
    private static final Logger log = LoggerFactory.getLogger(GoogleVerifier.class);

    private final OAuthProperties.Google google;
    private final IdTokens idTokens;
    private final BoundedHttp http;

    GoogleVerifier(OAuthProperties properties, Clock clock) {
        this.google = properties.google();
        this.idTokens = new IdTokens(NAME, google.jwksUri(), new HashSet<>(google.issuers()), properties, clock);
        this.http = new BoundedHttp(properties.timeout(), 64 * 1024);
    }

    @Override
    public ProviderType type() {
        return ProviderType.GOOGLE;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        LoginProvider provider = credentials.provider();
        String clientId = clientId(provider);
        Optional<String> idToken = CredentialFields.string(NAME, credentials.fields(), "id_token", IdTokens.MAX_TOKEN_LENGTH);
        String token = idToken.isPresent() ? idToken.get() : exchange(provider, clientId,
                CredentialFields.string(NAME, credentials.fields(), "authCode", MAX_CODE_LENGTH)
                        .orElseThrow(() -> new MalformedCredentials(NAME + ": expected id_token or authCode")));
        JWTClaimsSet claims = idTokens.verify(token, clientId);
        String email = stringClaim(claims, "email");
        ProfileFields.checkDomain(provider, email, !Boolean.FALSE.equals(claims.getClaim("email_verified"))
                && !"false".equals(claims.getClaim("email_verified")));
        ObjectNode available = JsonNodeFactory.instance.objectNode();
        putText(available, "name", stringClaim(claims, "name"));
        putText(available, "first_name", stringClaim(claims, "given_name"));
        putText(available, "last_name", stringClaim(claims, "family_name"));
        putText(available, "picture", stringClaim(claims, "picture"));
        putText(available, "email", email);
        return new VerifiedIdentity(ProviderType.GOOGLE, provider.id(), claims.getSubject(),
                ProfileFields.select(provider, available), UserType.NORMAL, false);
    }

    /** The authorization-code grant of OAuth 2.0 at Google's token endpoint; its answer carries the ID token. */
    private String exchange(LoginProvider provider, String clientId, String code) {
        String secret = provider.secret("clientSecret").orElseThrow(() -> new LoginRefused("AuthError",
                NAME + ": this app cannot exchange an authCode, it has no client secret; send an id_token"));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("redirect_uri", google.codeRedirectUri());
        HttpRequest request = HttpRequest.newBuilder(google.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build();
        BoundedHttp.Answer answer;
        try {
            answer = http.send(request);
        } catch (BoundedHttp.Failure e) {
            log.warn("{}: the token endpoint failed: {}", NAME, e.getMessage());
            throw new ProviderUnavailable(NAME);
        }
        JsonNode json = answer.isJson() ? AnswerJson.parse(answer.body()).orElse(null) : null;
        if (answer.status() == 400 || answer.status() == 401) {
            // invalid_grant (a used, expired or foreign code) and invalid_client both mean: no login with it.
            String error = json == null ? "" : json.path("error").asText("");
            if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
                log.warn("{}: the token endpoint refused the app's client id or secret ({})", NAME, error);
            }
            throw new LoginRefused("AuthError", NAME + ": invalid authCode");
        }
        if (!answer.isSuccess() || json == null) {
            log.warn("{}: the token endpoint answered HTTP {} ({})", NAME, answer.status(),
                    json == null ? "not JSON" : "JSON");
            throw new ProviderUnavailable(NAME);
        }
        JsonNode idToken = json.get("id_token");
        if (idToken == null || !idToken.isTextual()) {
            throw new LoginRefused("AuthError", NAME + ": the authCode was granted without the openid scope, so it "
                    + "identifies nobody");
        }
        return idToken.asText();
    }

    private static String clientId(LoginProvider provider) {
        String clientId = provider.config().path("clientId").asText("");
        if (clientId.isBlank()) {
            // checkConfiguration stops the start first; a provider built around it is a bug, not a refusal
            throw new IllegalStateException(NAME + " has no clientId");
        }
        return clientId;
    }

    static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    @Override
    public void checkConfiguration(LoginProvider provider, ConfigurationProblems problems) {
        OAuthChecks.clientId(provider, problems);
        if (provider.secret("clientSecret").isEmpty()) {
            problems.warning("secret_config.clientSecret", NAME + " has no client secret: id_token logins work, "
                    + "authCode logins are refused");
        }
        ProfileFields.checkConfiguration(provider, ProfileFields.OAUTH_NAMES, true, problems);
    }
}
