package dev.portico.command.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.IdentityId;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** One user's personal-data key: seals JSON for that user's events, opens it again, and names identities. */
public final class UserKey {
    private final UserId owner;
    private final String keyId;
    private final SecretKey key;
    private final ObjectMapper json;

    UserKey(UserId owner, String keyId, SecretKey key, ObjectMapper json) {
        this.owner = owner;
        this.keyId = keyId;
        this.key = key;
        this.json = json;
    }

    public UserId owner() {
        return owner;
    }

    /** Seals {@code data} as JSON. */
    public SealedData seal(Object data) {
        try {
            return seal(json.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new IllegalArgumentException("personal data is not serialisable", e);
        }
    }

    public SealedData sealText(String text) {
        return seal(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the value was not sealed with this key for this user */
    public JsonNode open(SealedData sealed) {
        try {
            return json.readTree(openBytes(sealed));
        } catch (IOException e) {
            throw new IllegalStateException("sealed personal data is not JSON", e);
        }
    }

    public String openText(SealedData sealed) {
        return new String(openBytes(sealed), StandardCharsets.UTF_8);
    }

    /**
     * The id of an identity of this user: HMAC-SHA256 under a key derived from the user's key, so it is the same
     * for the same credentials, says nothing about them, and means nothing once the user's key is destroyed.
     */
    public IdentityId identityId(String providerId, String subject) {
        return new IdentityId(digest("portico identity id", providerId + '\n' + subject));
    }

    /**
     * The digest by which the user tells its API key names apart without reading them (32 hex characters), in
     * the way of {@link #identityId}: under a key of its own derived from the user's key.
     */
    public String apiKeyNameDigest(String name) {
        return digest("portico api key name", name);
    }

    private String digest(String purpose, String value) {
        byte[] derived = hmac(key.getEncoded(), purpose.getBytes(StandardCharsets.US_ASCII));
        byte[] digest = hmac(derived, value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private SealedData seal(byte[] plaintext) {
        return PersonalDataCipher.seal(key, keyId, owner, plaintext);
    }

    private byte[] openBytes(SealedData sealed) {
        if (!sealed.keyId().equals(keyId)) {
            throw new IllegalArgumentException("sealed under key " + sealed.keyId() + ", not " + keyId);
        }
        return PersonalDataCipher.open(key, owner, sealed);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
