package dev.portico.testsupport.standin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider as a login sees it (Google, Apple): a key set at {@code /jwks} and, for Google's
 * authorization codes, a token endpoint at {@code /token}. It signs ID tokens with RS256 under keys it
 * publishes, and can make keys it does not publish, for tokens that must fail.
 */
public final class OidcStandIn implements AutoCloseable {
    /** An authorization code the token endpoint accepts once, from the client with that id and secret. */
    public record Code(String clientId, String clientSecret, String redirectUri, String idToken) {
    }

    private final StandInServer server = StandInServer.start();
    private final String issuer;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    public OidcStandIn(String issuer) {
        this.issuer = issuer;
        published.add(newKey());
        server.route("/jwks", request -> StandInServer.Reply.text(200, "application/json",
                new JWKSet(List.<JWK>copyOf(published)).toPublicJWKSet().toString()));
        server.route("/token", this::token);
    }

    public String issuer() {
        return issuer;
    }

    public URI jwksUri() {
        return server.url("/jwks");
    }

    public URI tokenUri() {
        return server.url("/token");
    }

    /** How often the key set was fetched. */
    public int jwksFetches() {
        return server.requests("/jwks").size();
    }

    public List<StandInServer.Request> tokenRequests() {
        return server.requests("/token");
    }

    /** The published key tokens are signed with, private part included (for a client that mints its own tokens). */
    public RSAKey signingKey() {
        return published.get(0);
    }

    /** A new RSA key, not published. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a key to the key set, as a provider does when it rotates. */
    public void publish(RSAKey key) {
        published.add(key);
    }

    /** The claims of a valid ID token for the client {@code audience}: this issuer, issued now, valid for an hour. */
    public JWTClaimsSet.Builder claims(String audience, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** A valid ID token with these extra claims, signed by the published key. */
    public String idToken(String audience, String subject, Map<String, Object> extraClaims) {
        JWTClaimsSet.Builder claims = claims(audience, subject);
        extraClaims.forEach(claims::claim);
        return sign(claims.build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, published.get(0));
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Makes the token endpoint accept {@code code} once, answering with {@code code.idToken()}. */
    public void acceptCode(String code, Code grant) {
        codes.put(code, grant);
    }

    /** OAuth 2.0's authorization-code grant, with the client authenticated by its secret in the form. */
    private StandInServer.Reply token(StandInServer.Request request) {
        Map<String, String> form = request.form();
        if (!"POST".equals(request.method()) || !"authorization_code".equals(form.get("grant_type"))) {
            return StandInServer.Reply.json(400, Map.of("error", "unsupported_grant_type"));
        }
        Code grant = codes.get(form.getOrDefault("code", ""));
        if (grant == null) {
            return StandInServer.Reply.json(400, Map.of("error", "invalid_grant", "error_description", "Malformed auth code."));
        }
        if (!grant.clientId().equals(form.get("client_id")) || !grant.clientSecret().equals(form.get("client_secret"))) {
            return StandInServer.Reply.json(401, Map.of("error", "invalid_client"));
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            return StandInServer.Reply.json(400, Map.of("error", "redirect_uri_mismatch"));
        }
        codes.remove(form.get("code"));
        return StandInServer.Reply.json(200, grant.idToken() == null
                ? Map.of("access_token", "ya29." + UUID.randomUUID(), "token_type", "Bearer", "expires_in", 3599)
                : Map.of("access_token", "ya29." + UUID.randomUUID(), "token_type", "Bearer", "expires_in", 3599,
                        "id_token", grant.idToken()));
    }

    @Override
    public void close() {
        server.close();
    }
}
