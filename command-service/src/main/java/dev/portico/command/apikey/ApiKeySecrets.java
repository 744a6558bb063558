package dev.portico.command.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets: 64 random ASCII letters and digits, the shape App Services gave them (about 381 bits).
 * Only the SHA-256 is kept; a fast hash is right for a secret of full entropy, as for refresh tokens: there is
 * nothing to guess, and a login must find its key by one indexed look-up.
 */
public final class ApiKeySecrets {
    /** A login presenting anything longer cannot hold a key of ours; it is refused before it is hashed. */
    public static final int MAX_PRESENTED_LENGTH = 256;
    private static final int LENGTH = 64;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ApiKeySecrets() {
    }

    public static String newSecret() {
        char[] secret = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            secret[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(secret);
    }

    public static String hash(String secret) {
        try {
            return ENCODER.encodeToString(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
