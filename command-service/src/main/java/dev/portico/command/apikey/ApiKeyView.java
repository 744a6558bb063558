package dev.portico.command.apikey;

import dev.portico.events.ApiKeyId;

/** An API key as its user sees it when listing: never its secret. */
public record ApiKeyView(ApiKeyId id, String name, boolean disabled) {
}
