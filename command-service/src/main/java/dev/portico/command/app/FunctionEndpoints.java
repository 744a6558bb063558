package dev.portico.command.app;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints of an app's functions, by function name, and the secret every call to them is signed with
 * (HMAC-SHA256, see {@code function.HttpAppFunctions}), so that an endpoint can tell this service's calls
 * from anybody else's. An app without functions has none and no secret.
 */
public record FunctionEndpoints(Map<String, FunctionEndpoint> byName, String signingSecret) {
    /** Shorter secrets are easier to guess than the signature is to forge. */
    public static final int MIN_SECRET_LENGTH = 32;
    public static final FunctionEndpoints NONE = new FunctionEndpoints(Map.of(), null);

    public FunctionEndpoints {
        byName = byName == null ? Map.of() : Map.copyOf(byName);
        if (!byName.isEmpty() && (signingSecret == null || signingSecret.length() < MIN_SECRET_LENGTH)) {
            throw new IllegalArgumentException("functions need a signing secret of " + MIN_SECRET_LENGTH
                    + " characters or more");
        }
    }

    public Optional<FunctionEndpoint> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Reads {@code portico.apps[n].functions} and {@code function-signing-secret}; problems name the field.
     * An app from an export takes its function names from there too: the endpoints are the service's own
     * settings, as App Services' function sources are not something this service runs.
     */
    public static FunctionEndpoints fromSettings(Map<String, AppProperties.FunctionDefinition> functions,
            String signingSecret, ConfigurationProblems problems) {
        if (functions == null || functions.isEmpty()) {
            return NONE;
        }
        Map<String, FunctionEndpoint> byName = new LinkedHashMap<>();
        functions.forEach((name, definition) -> {
            String field = "functions." + name + ".url";
            URI url = definition == null ? null : parse(definition.url());
            if (url == null || !url.isAbsolute() || url.getHost() == null
                    || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                problems.error(field, "function '" + name + "' has no valid endpoint URL",
                        "give an absolute http(s) URL, e.g. https://functions.example.com/" + name);
                return;
            }
            if ("http".equals(url.getScheme()) && !isLoopback(url.getHost())) {
                problems.warning(field, "function '" + name + "' is called over plain http: the signature protects "
                        + "the call from changes, but its arguments (passwords too) travel readable");
            }
            byName.put(name, new FunctionEndpoint(name, url, definition.isPrivate()));
        });
        if (signingSecret == null || signingSecret.length() < MIN_SECRET_LENGTH) {
            problems.error("function-signing-secret", "the app maps functions to endpoints but has no signing secret of "
                    + MIN_SECRET_LENGTH + " characters or more",
                    "set function-signing-secret, e.g. from an environment variable holding `openssl rand -hex 32`");
            return NONE; // the error stops the start
        }
        return new FunctionEndpoints(byName, signingSecret);
    }

    private static URI parse(String url) {
        try {
            return url == null ? null : new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** Never the secret: apps end up in log lines and error messages. */
    @Override
    public String toString() {
        return "FunctionEndpoints" + byName.values() + (signingSecret == null ? "" : " (signed)");
    }
}
