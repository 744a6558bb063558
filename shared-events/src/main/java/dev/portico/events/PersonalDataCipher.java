package dev.portico.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Format {@code a1} of {@link SealedData}: AES-256-GCM with a fresh 96-bit nonce per value; the format, the
 * key id and the owning user's id are associated data, so a value cannot be moved to another user's events
 * or passed off under another key. The payload is base64 of nonce + ciphertext.
 */
public final class PersonalDataCipher {
    public static final String FORMAT = "a1";

    private static final String ALGORITHM = "AES";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalDataCipher() {
    }

    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(ALGORITHM);
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    public static SecretKey key(byte[] encoded) {
        return new SecretKeySpec(encoded, ALGORITHM);
    }

    /** @param keyId the id under which the key is kept; letters, digits, '-' and '_' only */
    public static SealedData seal(SecretKey key, String keyId, UserId owner, byte[] plaintext) {
        if (!keyId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("key id must be 1 to 64 letters, digits, '-' or '_'");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, owner));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + ciphertext.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
            return new SealedData(FORMAT + "." + keyId + "." + Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt personal data", e);
        }
    }

    /**
     * @param key the key kept under {@code data.keyId()}
     * @throws IllegalArgumentException when the value was not sealed in this format with this key for this user
     */
    public static byte[] open(SecretKey key, UserId owner, SealedData data) {
        if (!FORMAT.equals(data.format())) {
            throw new IllegalArgumentException("unknown sealed-data format " + data.format());
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(data.payload());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealed data is not base64", e);
        }
        if (in.length < NONCE_BYTES) {
            throw new IllegalArgumentException("sealed data is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(data.keyId(), owner));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed data does not open with this key", e);
        }
    }

    private static byte[] associatedData(String keyId, UserId owner) {
        return (FORMAT + "." + keyId + "." + owner.value()).getBytes(StandardCharsets.US_ASCII);
    }
}
