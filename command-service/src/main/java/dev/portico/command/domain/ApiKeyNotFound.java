package dev.portico.command.domain;

import dev.portico.events.ApiKeyId;

/** The user has no such API key (never had, deleted it, or it is another user's). */
public class ApiKeyNotFound extends RuntimeException {
    public ApiKeyNotFound(ApiKeyId apiKeyId) {
        super("API key " + apiKeyId + " not found", null, false, false);
    }
}
