package dev.portico.events.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.AppId;
import dev.portico.events.SealedData;
import dev.portico.events.SealedText;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The user has a new API key, enabled; a login with its secret logs in as the user. The secret itself is
 * shown once to its creator and recorded nowhere: {@code secretHash} is its SHA-256, sealed under the user's
 * key, so the look-up table of key hashes can be rebuilt from the history for the living and nothing in the
 * history ties a key to a user once the user is deleted. The name is the creator's free text (often a device
 * or a person), so it is sealed too; {@code nameDigest} is a keyed digest of it under the user's key (32 hex
 * characters), by which the user keeps its key names unique without reading them.
 */
@Revision("1")
public record ApiKeyCreated(
        UserId userId,
        AppId appId,
        ApiKeyId apiKeyId,
        String nameDigest,
        @SealedText SealedData name,
        @SealedText SealedData secretHash,
        Instant createdAt) implements UserEvent {
}
