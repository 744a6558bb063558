package dev.portico.command.userpass;

import dev.portico.command.store.TimestampParameter;
import dev.portico.events.AppId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tokens of confirmation and reset links ({@code userpass_tokens}): 256 random bits, named by a
 * {@code tokenId}, stored only as a SHA-256 hash (the token has full entropy, so a fast hash suffices), used
 * once and valid for 30 minutes.
 */
@Component
public class UserpassTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TOKEN_ID = Pattern.compile("[0-9a-f]{24}");

    private final JdbcClient jdbc;

    public UserpassTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public enum Purpose { CONFIRM, RESET }

    /** A token on its way to the person: in clear only here, in the link or function call that carries it. */
    public record IssuedToken(String tokenId, String token) {
        @Override
        public String toString() {
            return "IssuedToken[" + tokenId + "]";
        }
    }

    /** A new token for the credential; earlier ones for the same purpose stop working, only the latest link does. */
    public IssuedToken issue(String credentialId, Purpose purpose, Instant now, Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        IssuedToken issued = new IssuedToken(Ids.newId(), HexFormat.of().formatHex(secret));
        revoke(credentialId, purpose);
        jdbc.sql("""
                INSERT INTO userpass_tokens (token_id, credential_id, purpose, token_hash, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(issued.tokenId(), credentialId, purpose.name(), hash(issued.token()),
                        TimestampParameter.of(now), TimestampParameter.of(expiresAt))
                .update();
        return issued;
    }

    /** The credential a valid token is for, without using the token up. */
    public Optional<String> peek(AppId app, Purpose purpose, String tokenId, String token, Instant now) {
        if (!wellFormed(tokenId, token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT t.credential_id FROM userpass_tokens t JOIN userpass_credentials c USING (credential_id)
                WHERE t.token_id = ? AND t.token_hash = ? AND t.purpose = ? AND t.expires_at > ? AND c.app_id = ?""")
                .params(tokenId, hash(token), purpose.name(), TimestampParameter.of(now), app.value())
                .query(String.class).optional();
    }

    /**
     * Uses the token up: the credential it was for, or empty when it is unknown, expired, for another purpose
     * or app, or used already. Deleting the row is the use, so of two requests with one token only one wins.
     */
    public Optional<String> consume(AppId app, Purpose purpose, String tokenId, String token, Instant now) {
        if (!wellFormed(tokenId, token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                DELETE FROM userpass_tokens t USING userpass_credentials c
                WHERE t.token_id = ? AND t.token_hash = ? AND t.purpose = ? AND t.expires_at > ?
                  AND c.credential_id = t.credential_id AND c.app_id = ?
                RETURNING t.credential_id""")
                .params(tokenId, hash(token), purpose.name(), TimestampParameter.of(now), app.value())
                .query(String.class).optional();
    }

    public void revoke(String credentialId, Purpose purpose) {
        jdbc.sql("DELETE FROM userpass_tokens WHERE credential_id = ? AND purpose = ?")
                .params(credentialId, purpose.name()).update();
    }

    int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM userpass_tokens WHERE expires_at <= ?").param(TimestampParameter.of(now)).update();
    }

    static boolean wellFormed(String tokenId, String token) {
        return tokenId != null && token != null && TOKEN_ID.matcher(tokenId).matches() && TOKEN.matcher(token).matches();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
