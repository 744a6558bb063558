package dev.portico.command.app.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider.MetadataField;
import dev.portico.command.app.export.AppExport.CustomUserData;
import dev.portico.command.app.export.AppExport.FunctionExport;
import dev.portico.command.app.export.AppExport.ProviderExport;
import dev.portico.events.identity.ProviderType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads an exported App Services app directory of config version 20180301 ({@code stitch.json}), 20200603
 * ({@code config.json}), 20210101 ({@code realm_config.json}) or 20230101 ({@code root_config.json}) into one
 * model. Real exports are looser than the documentation (strings where booleans belong, trailing commas,
 * leftovers of old settings): what can be read unambiguously is read and reported as a warning naming file
 * and field; what cannot is an error naming file, field and fix. Files the reader does not know are ignored.
 */
public final class AppExportReader {
    private static final JsonMapper STRICT = JsonMapper.builder().build();
    private static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final Set<String> BOOLEAN_CONFIG_FIELDS = Set.of("autoConfirm", "runConfirmationFunction",
            "runResetFunction", "useJWKURI", "requireAnyAudience", "openId");
    private static final Pattern ENVIRONMENT_VALUE = Pattern.compile("%\\(%%environment\\.values\\.([A-Za-z0-9_.-]+)\\)");

    private final Path directory;
    private final ConfigurationProblems problems;

    private AppExportReader(Path directory, ConfigurationProblems problems) {
        this.directory = directory;
        this.problems = problems;
    }

    /** The export, or empty when its errors leave nothing to serve (they are in {@code problems}). */
    public static Optional<AppExport> read(Path directory, ConfigurationProblems problems) {
        return new AppExportReader(directory.toAbsolutePath().normalize(), problems).read();
    }

    private Optional<AppExport> read() {
        problems.inFile(directory.toString());
        if (!Files.isDirectory(directory)) {
            problems.error("directory", "is not a directory",
                    "point portico.app-directories[n].path at the root of the exported app");
            return Optional.empty();
        }
        JsonNode meta = firstExisting(".mdb/meta.json", ".mdb/app_meta.json");
        int version = version(meta);
        if (version == 0) {
            problems.inFile(directory.toString());
            problems.error("root file", "no root_config.json, realm_config.json, config.json or stitch.json found",
                    "export the app with the App Services CLI (or realm-cli) and point at the directory it wrote");
            return Optional.empty();
        }
        String rootFile = switch (version) {
            case 20230101 -> "root_config.json";
            case 20210101 -> "realm_config.json";
            case 20200603 -> "config.json";
            default -> "stitch.json";
        };
        JsonNode root = file(rootFile).orElse(null);
        if (root == null || !root.isObject()) {
            if (root != null) {
                problems.error("(whole file)", "must be a JSON object", "restore the file from the export");
            }
            return Optional.empty();
        }
        Map<String, JsonNode> environment = environmentValues(text(root, "environment"));
        Optional<String> clientAppId = Optional.ofNullable(meta == null ? null : text(meta, "client_app_id"))
                .or(() -> version == 20230101 ? Optional.empty() : Optional.ofNullable(text(root, "app_id")))
                .filter(id -> !id.isBlank());
        Map<String, FunctionExport> functions = version >= 20210101 ? functions() : legacyFunctions();
        Map<String, ProviderExport> providers = version >= 20210101 ? providers(environment) : legacyProviders(environment);
        CustomUserData customUserData = version >= 20210101
                ? file("auth/custom_user_data.json").map(node -> customUserData(node, "")).orElse(CustomUserData.DISABLED)
                : customUserDataOfRoot(root, rootFile);
        checkFunctionReferences(providers, customUserData, functions);
        problems.inFile(directory.resolve(rootFile).toString());
        return Optional.of(new AppExport(directory, version, text(root, "name"), clientAppId,
                allowedOrigins(root), providers, customUserData, functions));
    }

    private int version(JsonNode meta) {
        if (meta != null && meta.path("config_version").canConvertToInt()) {
            return meta.path("config_version").asInt();
        }
        if (Files.isRegularFile(directory.resolve("root_config.json"))) {
            return 20230101;
        }
        if (Files.isRegularFile(directory.resolve("realm_config.json"))) {
            return 20210101;
        }
        if (Files.isRegularFile(directory.resolve("config.json"))
                && file("config.json").map(node -> node.path("config_version").canConvertToInt()).orElse(false)) {
            return 20200603;
        }
        return Files.isRegularFile(directory.resolve("stitch.json")) ? 20180301 : 0;
    }

    private List<String> allowedOrigins(JsonNode root) {
        JsonNode origins = root.has("allowed_request_origins") ? root.get("allowed_request_origins")
                : root.path("security").has("allowed_request_origins") ? root.path("security").get("allowed_request_origins")
                : root.path("security").path("allowed_origins");
        return strings(origins, "allowed_request_origins");
    }

    private Map<String, JsonNode> environmentValues(String environment) {
        String name = environment == null || environment.isBlank() || environment.equals("none")
                ? "no-environment" : environment;
        return file("environments/" + name + ".json")
                .map(node -> {
                    Map<String, JsonNode> values = new LinkedHashMap<>();
                    node.path("values").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue()));
                    return values;
                })
                .orElse(Map.of());
    }

    private Map<String, ProviderExport> providers(Map<String, JsonNode> environment) {
        Map<String, ProviderExport> providers = new LinkedHashMap<>();
        file("auth/providers.json").ifPresent(node -> {
            if (!node.isObject()) {
                problems.error("(whole file)", "must be an object of providers keyed by name",
                        "write {\"anon-user\": {\"name\": \"anon-user\", \"type\": \"anon-user\", …}, …}");
                return;
            }
            String file = directory.resolve("auth/providers.json").toString();
            node.fields().forEachRemaining(entry -> provider(entry.getKey(), entry.getKey() + ".", entry.getValue(),
                    environment, file).ifPresent(provider -> providers.put(provider.name(), provider)));
        });
        return providers;
    }

    private Map<String, ProviderExport> legacyProviders(Map<String, JsonNode> environment) {
        Map<String, ProviderExport> providers = new LinkedHashMap<>();
        for (Path path : list("auth_providers", ".json")) {
            String name = path.getFileName().toString().replaceFirst("\\.json$", "");
            file("auth_providers/" + path.getFileName()).flatMap(node -> provider(name, "", node, environment,
                            path.toString()))
                    .ifPresent(provider -> providers.put(provider.name(), provider));
        }
        return providers;
    }

    private Optional<ProviderExport> provider(String key, String prefix, JsonNode node, Map<String, JsonNode> environment,
            String file) {
        if (!node.isObject()) {
            problems.error(prefix + "(provider)", "must be a JSON object", "write the provider as {\"name\", \"type\", …}");
            return Optional.empty();
        }
        String name = text(node, "name");
        String type = text(node, "type");
        if (type == null || ProviderType.fromWireName(type).isEmpty()) {
            problems.error(prefix + "type", "unknown provider type '" + type + "'", "use one of "
                    + Arrays.stream(ProviderType.values()).map(ProviderType::wireName).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        if (name == null) {
            problems.warning(prefix + "name", "missing; the provider is read as '" + type + "'");
            name = type;
        }
        if (!key.equals(name) || !name.equals(type)) {
            problems.error(prefix + "name", "the provider's key '" + key + "', name '" + name + "' and type '" + type
                    + "' differ", "App Services names each provider after its type: use '" + type + "' for all three");
            return Optional.empty();
        }
        ObjectNode config = node.path("config").isObject() ? ((ObjectNode) node.get("config")).deepCopy()
                : JsonMapper.builder().build().createObjectNode();
        normaliseConfig(config, prefix + "config.", environment);
        return Optional.of(new ProviderExport(file, name, type, bool(node.path("disabled"), prefix + "disabled"),
                config, secretNames(node.path("secret_config"), prefix + "secret_config."),
                metadataFields(node.path("metadata_fields"), prefix + "metadata_fields"),
                strings(node.path("redirect_uris"), prefix + "redirect_uris"),
                strings(node.path("domain_restrictions"), prefix + "domain_restrictions")));
    }

    /** Booleans written as strings, a single audience as a string, environment templates: one clean shape. */
    private void normaliseConfig(ObjectNode config, String prefix, Map<String, JsonNode> environment) {
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isTextual()) {
                field.setValue(new TextNode(expand(field.getValue().asText(), prefix + field.getKey(), environment)));
            }
        }
        for (String field : BOOLEAN_CONFIG_FIELDS) {
            if (config.has(field) && !config.get(field).isBoolean()) {
                config.put(field, bool(config.get(field), prefix + field));
            }
        }
        JsonNode audience = config.get("audience");
        if (audience != null && audience.isTextual()) {
            ArrayNode list = config.putArray("audience");
            if (!audience.asText().isEmpty()) {
                list.add(audience.asText());
            }
        }
    }

    private String expand(String value, String field, Map<String, JsonNode> environment) {
        Matcher matcher = ENVIRONMENT_VALUE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode replacement = environment.get(matcher.group(1));
            if (replacement == null) {
                problems.error(field, "names environment value '" + matcher.group(1) + "', which the selected"
                        + " environment file does not define", "add it to environments/<environment>.json values");
                replacement = TextNode.valueOf("");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.asText()));
        }
        return matcher.appendTail(out).toString();
    }

    private Map<String, List<String>> secretNames(JsonNode secretConfig, String prefix) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        secretConfig.fields().forEachRemaining(field -> {
            String key = field.getKey();
            if (key.equals("signingKey")) {
                problems.warning(prefix + key, "the older single-key field; read as signingKeys");
                key = "signingKeys";
            }
            List<String> values = field.getValue().isArray() ? strings(field.getValue(), prefix + key)
                    : field.getValue().isTextual() ? List.of(field.getValue().asText()) : List.of();
            names.merge(key, values, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
        });
        return names;
    }

    private List<MetadataField> metadataFields(JsonNode node, String field) {
        List<MetadataField> fields = new ArrayList<>();
        for (JsonNode entry : node) {
            String name = text(entry, "name");
            if (name == null || name.isBlank()) {
                problems.error(field, "an entry has no name", "give each metadata field the claim or profile name it copies");
                continue;
            }
            fields.add(new MetadataField(bool(entry.path("required"), field + ".required"), name, text(entry, "field_name")));
        }
        return fields;
    }

    private CustomUserData customUserDataOfRoot(JsonNode root, String rootFile) {
        JsonNode legacy = root.path("custom_user_data_config");
        return legacy.isObject() ? customUserData(legacy, "custom_user_data_config.") : CustomUserData.DISABLED;
    }

    private CustomUserData customUserData(JsonNode node, String prefix) {
        boolean enabled = bool(node.path("enabled"), prefix + "enabled");
        String service = Optional.ofNullable(text(node, "mongo_service_name")).orElse(text(node, "mongo_service_id"));
        CustomUserData data = new CustomUserData(enabled, service, text(node, "database_name"),
                text(node, "collection_name"), text(node, "user_id_field"), text(node, "on_user_creation_function_name"));
        if (enabled && (data.databaseName() == null || data.collectionName() == null || data.userIdField() == null)) {
            problems.warning(prefix + "enabled", "custom user data is enabled without database_name, collection_name"
                    + " and user_id_field; Portico keeps custom data itself, so only the field names are used");
        }
        return data;
    }

    private Map<String, FunctionExport> functions() {
        Map<String, FunctionExport> functions = new LinkedHashMap<>();
        Set<String> sources = list("functions", ".js", true).stream()
                .map(path -> directory.resolve("functions").relativize(path).toString().replace('\\', '/')
                        .replaceFirst("\\.js$", ""))
                .collect(Collectors.toSet());
        file("functions/config.json").ifPresent(node -> {
            if (!node.isArray()) {
                problems.error("(whole file)", "must be an array of functions", "write [{\"name\": …, \"private\": …}, …]");
                return;
            }
            for (JsonNode entry : node) {
                String name = text(entry, "name");
                if (name != null) {
                    functions.put(name, new FunctionExport(name, bool(entry.path("private"), name + ".private"),
                            sources.contains(name), entry));
                }
            }
        });
        sources.stream().filter(name -> !functions.containsKey(name))
                .forEach(name -> functions.put(name, new FunctionExport(name, false, true, null)));
        return functions;
    }

    private Map<String, FunctionExport> legacyFunctions() {
        Map<String, FunctionExport> functions = new LinkedHashMap<>();
        for (Path path : list("functions", "")) {
            if (Files.isDirectory(path)) {
                String name = path.getFileName().toString();
                JsonNode manifest = file("functions/" + name + "/config.json").orElse(null);
                functions.put(name, new FunctionExport(name, manifest != null && manifest.path("private").asBoolean(),
                        Files.isRegularFile(path.resolve("source.js")), manifest));
            }
        }
        return functions;
    }

    /** The server accepted dangling references, so they are warnings; a provider that needs one checks it. */
    private void checkFunctionReferences(Map<String, ProviderExport> providers, CustomUserData customUserData,
            Map<String, FunctionExport> functions) {
        for (ProviderExport provider : providers.values()) {
            for (String field : List.of("authFunctionName", "confirmationFunctionName", "resetFunctionName")) {
                String name = text(provider.config(), field);
                if (name != null && !name.isBlank() && !functions.containsKey(name)) {
                    problems.inFile(provider.file());
                    problems.warning(provider.name() + ".config." + field, "names function '" + name
                            + "', which the export does not contain");
                }
            }
        }
        String onCreation = customUserData.onUserCreationFunctionName();
        if (onCreation != null && !functions.containsKey(onCreation)) {
            problems.inFile(directory.resolve("auth/custom_user_data.json").toString());
            problems.warning("on_user_creation_function_name", "names function '" + onCreation
                    + "', which the export does not contain");
        }
    }

    private JsonNode firstExisting(String... files) {
        for (String file : files) {
            if (Files.isRegularFile(directory.resolve(file))) {
                return file(file).orElse(null);
            }
        }
        return null;
    }

    /**
     * A file of the export as JSON, or empty when absent or empty. Invalid JSON is an error; JSON that only
     * trailing commas make invalid is read, with a warning.
     */
    private Optional<JsonNode> file(String relative) {
        Path path = directory.resolve(relative);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        problems.inFile(path.toString());
        try {
            if (Files.size(path) > MAX_FILE_BYTES) {
                problems.error("(whole file)", "is larger than 1 MiB", "an export's configuration files are small;"
                        + " check that the path points at the app");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(path);
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(STRICT.readTree(bytes));
            } catch (JsonProcessingException strict) {
                try {
                    JsonNode node = LENIENT.readTree(bytes);
                    problems.warning("(whole file)", "has trailing commas, which JSON does not allow; read anyway");
                    return Optional.of(node);
                } catch (JsonProcessingException lenient) {
                    problems.error("line " + strict.getLocation().getLineNr() + ", column "
                            + strict.getLocation().getColumnNr(), "is not valid JSON: " + strict.getOriginalMessage(),
                            "correct the JSON syntax at that place");
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            problems.error("(whole file)", "cannot be read: " + e.getMessage(), "make the file readable by the service");
            return Optional.empty();
        }
    }

    private List<Path> list(String folder, String suffix) {
        return list(folder, suffix, false);
    }

    private List<Path> list(String folder, String suffix, boolean recursive) {
        Path path = directory.resolve(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = recursive ? Files.walk(path) : Files.list(path)) {
            return files.filter(p -> !p.toString().contains("node_modules"))
                    .filter(p -> suffix.isEmpty() || (Files.isRegularFile(p) && p.toString().endsWith(suffix)))
                    .sorted().toList();
        } catch (IOException e) {
            problems.inFile(path.toString());
            problems.error("(folder)", "cannot be listed: " + e.getMessage(), "make the folder readable by the service");
            return List.of();
        }
    }

    private boolean bool(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull() || node.isBoolean()) {
            return node.asBoolean(false);
        }
        String text = node.asText().trim();
        if (!text.equals("true") && !text.equals("false") && !text.isEmpty()) {
            problems.error(field, "must be true or false, not '" + text + "'", "write true or false");
            return false;
        }
        problems.warning(field, "is the string '" + text + "' where a boolean belongs; read as " + text.equals("true"));
        return text.equals("true");
    }

    private List<String> strings(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.error(field, "must be an array of strings", "write [\"…\", …]");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
