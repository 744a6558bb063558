package dev.portico.query.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The configured service token. Presented tokens are compared by their SHA-256 digests with
 * {@link MessageDigest#isEqual}, which takes the same time wherever the first difference is; hashing first
 * also hides the token's length.
 */
final class ServiceToken {
    private final byte[] digest;

    ServiceToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the service token must not be empty");
        }
        this.digest = sha256(token);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
