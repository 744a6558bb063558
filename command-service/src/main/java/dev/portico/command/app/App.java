package dev.portico.command.app;

import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.Map;
import java.util.Optional;

/**
 * An app whose users this service manages. {@code domainId} is the app's internal ObjectId-shaped id, which
 * goes into tokens as {@code baas_domain_id} the way App Services did.
 */
public record App(AppId id, String domainId, Map<ProviderType, LoginProvider> providers) {
    public App {
        providers = Map.copyOf(providers);
    }

    public Optional<LoginProvider> provider(ProviderType type) {
        return Optional.ofNullable(providers.get(type));
    }
}
