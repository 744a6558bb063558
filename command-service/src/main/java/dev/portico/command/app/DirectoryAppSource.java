package dev.portico.command.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.app.AppDirectoriesProperties.AppDirectory;
import dev.portico.command.app.export.AppExport;
import dev.portico.command.app.export.AppExport.ProviderExport;
import dev.portico.command.app.export.AppExportReader;
import dev.portico.events.AppId;
import dev.portico.events.identity.ProviderType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Apps from exported app directories ({@code portico.app-directories}). The export says which providers an
 * app has and how they are set; the service's settings add what an export never holds (see
 * {@link AppDirectoriesProperties}). Every secret an enabled provider names must be supplied, or the start
 * stops, naming the provider, the secret and where to put it.
 */
@Component
class DirectoryAppSource implements AppSource {
    private final AppDirectoriesProperties properties;
    private final Environment environment;

    DirectoryAppSource(AppDirectoriesProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public List<App> apps(ConfigurationProblems problems) {
        List<App> apps = new ArrayList<>();
        for (int n = 0; n < properties.appDirectories().size(); n++) {
            AppDirectory setting = properties.appDirectories().get(n);
            String where = "portico.app-directories[" + n + "]";
            if (setting.isEmpty()) {
                continue;
            }
            if (setting.path() == null || setting.path().isBlank()) {
                problems.inFile(where);
                problems.error("path", "no directory given", "set " + where + ".path (or PORTICO_APP_DIRECTORY for"
                        + " the first) to an exported app directory");
                continue;
            }
            AppExportReader.read(Path.of(setting.path()), problems)
                    .flatMap(export -> toApp(export, setting, where, problems))
                    .ifPresent(apps::add);
        }
        return apps;
    }

    private Optional<App> toApp(AppExport export, AppDirectory setting, String where, ConfigurationProblems problems) {
        Optional<String> clientAppId = Optional.ofNullable(setting.clientAppId()).filter(id -> !id.isBlank())
                .or(export::clientAppId);
        if (clientAppId.isEmpty()) {
            problems.inFile(export.directory().toString());
            problems.error("client app id", "the export names no client app id (no .mdb/meta.json, no app_id)",
                    "set " + where + ".client-app-id to the id the apps use, e.g. myapp-abcde");
            return Optional.empty();
        }
        AppId id = new AppId(clientAppId.get());
        Map<String, String> plainSecrets = plainSecretsFile(export, problems);
        Map<ProviderType, LoginProvider> providers = new EnumMap<>(ProviderType.class);
        for (ProviderExport provider : export.providers().values()) {
            ProviderType type = ProviderType.fromWireName(provider.type()).orElseThrow();
            Map<String, List<String>> secrets = new LinkedHashMap<>();
            provider.secretNames().forEach((field, names) -> {
                List<String> values = new ArrayList<>();
                for (String name : names) {
                    resolve(name, setting, plainSecrets, provider.name(), field).ifPresentOrElse(values::add, () -> {
                        if (!provider.disabled()) {
                            problems.inFile(provider.file());
                            problems.error(provider.name() + ".secret_config." + field, "names secret '" + name
                                    + "', whose value is not supplied", "set " + where + ".secrets." + name
                                    + " or the environment variable " + environmentName(name));
                        }
                    });
                }
                secrets.put(field, values);
            });
            providers.put(type, new LoginProvider(type, provider.name(), AppRegistry.stableId(id.value() + "/"
                    + provider.name()), provider.disabled(), provider.config(), secrets, provider.metadataFields(),
                    provider.redirectUris(), provider.domainRestrictions()));
        }
        problems.inFile(where);
        return Optional.of(new App(id, AppRegistry.stableId(id.value()), providers,
                functions(export, setting, problems),
                export.customUserData().enabled() ? export.customUserData().userIdField() : null));
    }

    /**
     * Where the export's functions run is the service's setting; whether a client may call one is the export's
     * {@code private} flag (or the setting's). A mapped name the export does not have is reported.
     */
    private static FunctionEndpoints functions(AppExport export, AppDirectory setting, ConfigurationProblems problems) {
        Map<String, AppProperties.FunctionDefinition> definitions = new LinkedHashMap<>();
        setting.functions().forEach((name, definition) -> {
            var exported = export.functions().get(name);
            if (exported == null) {
                problems.warning("functions." + name, "the export has no function '" + name + "'");
            }
            boolean isPrivate = definition != null && definition.isPrivate() || exported != null && exported.isPrivate();
            definitions.put(name, new AppProperties.FunctionDefinition(definition == null ? null : definition.url(),
                    isPrivate));
        });
        return FunctionEndpoints.fromSettings(definitions, setting.functionSigningSecret(), problems);
    }

    private Optional<String> resolve(String name, AppDirectory setting, Map<String, String> plainSecrets,
            String provider, String field) {
        return Optional.ofNullable(setting.secrets().get(name))
                .or(() -> Optional.ofNullable(environment.getProperty(environmentName(name))))
                .or(() -> Optional.ofNullable(plainSecrets.get(name)))
                .or(() -> Optional.ofNullable(plainSecrets.get(provider + "/" + field)));
    }

    static String environmentName(String secret) {
        return "PORTICO_SECRET_" + secret.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The import-only {@code secrets.json} some CLI-era exports carry, with secrets in plain text: used when the
     * service's settings do not supply them, and reported, since such a file should not travel with an export.
     */
    private static Map<String, String> plainSecretsFile(AppExport export, ConfigurationProblems problems) {
        var path = export.directory().resolve("secrets.json");
        if (!Files.isRegularFile(path)) {
            return Map.of();
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        try {
            JsonNode node = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build()
                    .readTree(path.toFile());
            node.path("auth_providers").fields().forEachRemaining(provider -> provider.getValue().fields()
                    .forEachRemaining(secret -> {
                        secrets.put(secret.getKey(), secret.getValue().asText());
                        secrets.put(provider.getKey() + "/" + secret.getKey(), secret.getValue().asText());
                    }));
            problems.inFile(path.toString());
            problems.warning("(whole file)", "holds secrets in plain text; they are used, but belong in the"
                    + " service's settings or environment");
        } catch (java.io.IOException e) {
            problems.inFile(path.toString());
            problems.error("(whole file)", "is not valid JSON: " + e.getMessage(), "correct or remove the file");
        }
        return secrets;
    }
}
