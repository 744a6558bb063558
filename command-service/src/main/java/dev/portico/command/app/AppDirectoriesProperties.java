package dev.portico.command.app;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Exported App Services app directories to serve ({@code portico.app-directories[n]}), with what an export
 * cannot hold: the client app id when the export has no {@code .mdb/} folder, and the values of the secrets
 * its providers name ({@code secrets.<name>}; otherwise the environment variable
 * {@code PORTICO_SECRET_<NAME>}, upper case, {@code -} as {@code _}), and where each function runs
 * ({@code functions.<name>.url}, with {@code function-signing-secret}).
 */
@ConfigurationProperties("portico")
public record AppDirectoriesProperties(List<AppDirectory> appDirectories) {
    public AppDirectoriesProperties {
        appDirectories = appDirectories == null ? List.of() : List.copyOf(appDirectories);
    }

    /** An entry without path, client app id or secrets is nothing (the default one, when no variable is set). */
    public record AppDirectory(String path, String clientAppId, Map<String, String> secrets,
            Map<String, AppProperties.FunctionDefinition> functions, String functionSigningSecret) {
        public AppDirectory {
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
            functions = functions == null ? Map.of() : Map.copyOf(functions);
        }

        boolean isEmpty() {
            return isBlank(path) && isBlank(clientAppId) && secrets.isEmpty() && functions.isEmpty();
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
