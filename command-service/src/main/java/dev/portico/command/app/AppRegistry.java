package dev.portico.command.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds apps by their client app id. Configuration errors fail the start, not the first login. */
@Component
public class AppRegistry {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AppRegistry.class);

    private final Map<String, App> apps = new LinkedHashMap<>();
    private final List<ConfigurationProblems.Problem> warnings;

    public AppRegistry(List<AppSource> sources) {
        ConfigurationProblems problems = new ConfigurationProblems();
        for (AppSource source : sources) {
            for (App app : source.apps(problems)) {
                if (apps.putIfAbsent(app.id().value(), app) != null) {
                    problems.error("client app id", "app " + app.id() + " is configured twice",
                            "give each app its own client app id");
                }
            }
        }
        if (apps.isEmpty() && problems.errors().isEmpty()) {
            problems.inFile("service configuration");
            problems.error("apps", "no app is configured", "set PORTICO_APP_DIRECTORY (portico.app-directories[0].path)"
                    + " to the directory an App Services export wrote");
        }
        InvalidAppConfiguration.throwIfAny(problems);
        warnings = problems.warnings();
        warnings.forEach(warning -> log.warn("App configuration: {}", warning));
    }

    /** What the sources read but found loose or contradictory, for operators migrating an export. */
    public List<ConfigurationProblems.Problem> warnings() {
        return warnings;
    }

    /** A plain set: the JOSE library asks it whether it contains null. */
    public java.util.Set<String> clientAppIds() {
        return java.util.Collections.unmodifiableSet(new java.util.HashSet<>(apps.keySet()));
    }

    public Optional<App> find(String clientAppId) {
        return Optional.ofNullable(apps.get(clientAppId));
    }

    public java.util.Collection<App> all() {
        return java.util.Collections.unmodifiableCollection(apps.values());
    }

    /** An ObjectId-shaped id that stays the same across restarts and instances. */
    public static String stableId(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
