package dev.portico.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.systemtest.SecretScan.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Every secret and e-mail address of one end-to-end run, collected in one place from where they come from:
 * <ul>
 * <li>the command-service's apps as it loaded them: each provider's resolved secrets (custom JWT signing keys,
 * OAuth client secrets, …) and each app's function signing secret, so a new provider's secrets are included as
 * soon as an app of the run configures it;</li>
 * <li>the read API's service token and the operator API's token;</li>
 * <li>what crossed the wire between realm-web and the server, as {@code record-secrets.mjs} recorded it:
 * passwords, confirmation and reset tokens, API keys, ID tokens, authorization codes, provider access tokens,
 * access and refresh tokens, and every e-mail address sent or answered.</li>
 * </ul>
 */
final class RunSecrets {
    private RunSecrets() {
    }

    static List<Secret> of(PorticoSystem system, NodeScenario.Run run) throws IOException {
        LinkedHashSet<Secret> secrets = new LinkedHashSet<>();
        for (App app : system.apps()) {
            for (LoginProvider provider : app.providers().values()) {
                provider.secrets().forEach((field, values) -> values.forEach(value -> secrets.add(
                        new Secret(provider.name() + " " + field + " of " + app.id().value(), value))));
            }
            if (app.functions().signingSecret() != null) {
                secrets.add(new Secret("function signing secret of " + app.id().value(), app.functions().signingSecret()));
            }
        }
        secrets.add(new Secret("read API token", system.serviceToken()));
        secrets.add(new Secret("operator token", system.operatorToken()));
        if (!Files.isRegularFile(run.secretsFile())) {
            throw new IllegalStateException("the realm-web tests recorded no secrets (no " + run.secretsFile() + ")");
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(run.secretsFile())) {
            if (!line.isBlank()) {
                JsonNode entry = json.readTree(line);
                secrets.add(new Secret(entry.path("kind").asText(), entry.path("value").asText()));
            }
        }
        return new ArrayList<>(secrets);
    }
}
