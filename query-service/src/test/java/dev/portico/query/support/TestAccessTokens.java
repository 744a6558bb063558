package dev.portico.query.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.portico.events.AppId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Access tokens as the command-service issues them (ES256, issuer {@code portico}, {@code typ} access), signed by
 * a key this JVM publishes at {@link #jwksUri()}, as the command-service publishes its JWKS.
 */
public final class TestAccessTokens {
    public static final String ISSUER = "portico";
    private static final ECKey SIGNING = generate("test-key");
    private static final ECKey STRANGER = generate("test-key");
    private static final String JWKS_URI = serve();

    private TestAccessTokens() {
    }

    public static String jwksUri() {
        return JWKS_URI;
    }

    public static String valid(UserId user, SessionId session, AppId app) {
        return sign(SIGNING, claims(user, session, app, ISSUER, Instant.now().plus(Duration.ofMinutes(30))));
    }

    public static String expired(UserId user, SessionId session, AppId app) {
        return sign(SIGNING, claims(user, session, app, ISSUER, Instant.now().minus(Duration.ofMinutes(5))));
    }

    public static String fromAnotherIssuer(UserId user, SessionId session, AppId app) {
        return sign(SIGNING, claims(user, session, app, "someone-else", Instant.now().plus(Duration.ofMinutes(30))));
    }

    /** Same key id as the published key, another key: the signature does not verify. */
    public static String signedByAStranger(UserId user, SessionId session, AppId app) {
        return sign(STRANGER, claims(user, session, app, ISSUER, Instant.now().plus(Duration.ofMinutes(30))));
    }

    private static JWTClaimsSet claims(UserId user, SessionId session, AppId app, String issuer, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .subject(user.value())
                .issuer(issuer)
                .audience(app.value())
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(30))))
                .expirationTime(Date.from(expiry))
                .claim("typ", "access")
                .claim("sid", session.value())
                .claim("baas_device_id", "000000000000000000000000")
                .build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static ECKey generate(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(SIGNING.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
