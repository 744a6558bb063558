package dev.portico.command.app;

import dev.portico.events.identity.ProviderType;

/** A provider enabled in an app; {@code id} is what profiles show as {@code provider_id}. */
public record LoginProvider(ProviderType type, String name, String id) {
}
