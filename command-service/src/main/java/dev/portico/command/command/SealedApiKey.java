package dev.portico.command.command;

import dev.portico.events.ApiKeyId;
import dev.portico.events.SealedData;

/**
 * A new API key as the user's events record it: its name sealed with a keyed digest of it (for uniqueness),
 * and the SHA-256 of its secret, sealed. The secret itself never reaches a command.
 */
public record SealedApiKey(ApiKeyId id, String nameDigest, SealedData name, SealedData secretHash) {
}
