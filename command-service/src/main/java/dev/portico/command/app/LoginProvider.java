package dev.portico.command.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.identity.ProviderType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A login provider of an app, as its export configures it ({@code auth/providers.json}). {@code id} is what
 * profiles show as {@code provider_id}; {@code config} is the provider's public settings as written;
 * {@code secrets} maps each {@code secret_config} field to the values of the secrets it names (one value, or
 * up to three for {@code signingKeys}), resolved from the service's configuration.
 */
public record LoginProvider(
        ProviderType type,
        String name,
        String id,
        boolean disabled,
        ObjectNode config,
        Map<String, List<String>> secrets,
        List<MetadataField> metadataFields,
        List<String> redirectUris,
        List<String> domainRestrictions) {

    public LoginProvider {
        config = config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy();
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        metadataFields = metadataFields == null ? List.of() : List.copyOf(metadataFields);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        domainRestrictions = domainRestrictions == null ? List.of() : List.copyOf(domainRestrictions);
    }

    /** A provider with no settings, as {@code anon-user} and {@code api-key} are. */
    public static LoginProvider of(ProviderType type, String id) {
        return new LoginProvider(type, type.wireName(), id, false, null, null, null, null, null);
    }

    /** The single value of a secret field, e.g. {@code clientSecret}. */
    public Optional<String> secret(String field) {
        List<String> values = secrets.get(field);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Secrets by field name only: providers end up in log lines and error messages. */
    @Override
    public String toString() {
        return "LoginProvider[type=" + type.wireName() + ", name=" + name + ", id=" + id + ", disabled=" + disabled
                + ", config=" + config + ", secrets=" + secrets.keySet() + ", metadataFields=" + metadataFields
                + ", redirectUris=" + redirectUris + ", domainRestrictions=" + domainRestrictions + "]";
    }

    /** A claim or profile field copied into the user's data at login ({@code metadata_fields}). */
    public record MetadataField(boolean required, String name, String fieldName) {
        /** {@code field_name}, defaulting to the last segment of a dotted path ({@code \.} escapes a dot). */
        public String targetName() {
            if (fieldName != null && !fieldName.isBlank()) {
                return fieldName;
            }
            String[] segments = name.split("(?<!\\\\)\\.");
            return segments[segments.length - 1].replace("\\.", ".");
        }
    }
}
