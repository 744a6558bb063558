package dev.portico.command.app.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.app.LoginProvider.MetadataField;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An exported App Services app directory, whichever of the four config versions wrote it, mapped onto one
 * model. Only what concerns users and authentication is read; other files are left alone.
 */
public record AppExport(
        Path directory,
        int configVersion,
        String name,
        Optional<String> clientAppId,
        List<String> allowedRequestOrigins,
        Map<String, ProviderExport> providers,
        CustomUserData customUserData,
        Map<String, FunctionExport> functions) {

    /** One provider of {@code auth/providers.json} or {@code auth_providers/<name>.json}. */
    public record ProviderExport(
            String file,
            String name,
            String type,
            boolean disabled,
            ObjectNode config,
            Map<String, List<String>> secretNames,
            List<MetadataField> metadataFields,
            List<String> redirectUris,
            List<String> domainRestrictions) {
    }

    /** {@code auth/custom_user_data.json}, or the legacy {@code custom_user_data_config}. */
    public record CustomUserData(boolean enabled, String mongoServiceName, String databaseName, String collectionName,
            String userIdField, String onUserCreationFunctionName) {
        public static final CustomUserData DISABLED = new CustomUserData(false, null, null, null, null, null);
    }

    /** A function of the manifest, or found only as a source file. */
    public record FunctionExport(String name, boolean isPrivate, boolean hasSource, JsonNode manifest) {
    }
}
