package dev.portico.command.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.io.IOException;
import javax.crypto.SecretKey;

/** One user's personal-data key, able to seal JSON for that user's events and open it again. */
public final class UserKey {
    private final UserId owner;
    private final SecretKey key;
    private final ObjectMapper json;

    UserKey(UserId owner, SecretKey key, ObjectMapper json) {
        this.owner = owner;
        this.key = key;
        this.json = json;
    }

    public SealedData seal(JsonNode data) {
        try {
            return PersonalDataCipher.seal(key, owner, json.writeValueAsBytes(data));
        } catch (IOException e) {
            throw new IllegalArgumentException("personal data is not serialisable", e);
        }
    }

    public JsonNode open(SealedData sealed) {
        try {
            return json.readTree(PersonalDataCipher.open(key, owner, sealed));
        } catch (IOException e) {
            throw new IllegalStateException("sealed personal data is not JSON", e);
        }
    }
}
