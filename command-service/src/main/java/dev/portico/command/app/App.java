package dev.portico.command.app;

import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.util.Map;
import java.util.Optional;

/**
 * An app whose users this service manages. {@code domainId} is the app's internal ObjectId-shaped id, which
 * goes into tokens as {@code baas_domain_id} the way App Services did. {@code functions} are the endpoints its
 * function names are mapped to. {@code customDataUserIdField} is the export's {@code user_id_field} when it
 * enables custom user data: the document then carries the user's id in that field, as App Services' did.
 */
public record App(AppId id, String domainId, Map<ProviderType, LoginProvider> providers, FunctionEndpoints functions,
        String customDataUserIdField) {
    public App {
        providers = Map.copyOf(providers);
        functions = functions == null ? FunctionEndpoints.NONE : functions;
        customDataUserIdField = customDataUserIdField == null || customDataUserIdField.isBlank() ? null
                : customDataUserIdField;
    }

    /** An app whose custom data names no user id field. */
    public App(AppId id, String domainId, Map<ProviderType, LoginProvider> providers, FunctionEndpoints functions) {
        this(id, domainId, providers, functions, null);
    }

    /** An app without functions. */
    public App(AppId id, String domainId, Map<ProviderType, LoginProvider> providers) {
        this(id, domainId, providers, FunctionEndpoints.NONE);
    }

    public Optional<LoginProvider> provider(ProviderType type) {
        return Optional.ofNullable(providers.get(type));
    }
}
