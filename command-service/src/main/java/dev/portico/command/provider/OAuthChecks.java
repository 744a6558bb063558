package dev.portico.command.provider;

import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;

/** Settings every OAuth provider needs. */
final class OAuthChecks {
    private OAuthChecks() {
    }

    static void clientId(LoginProvider provider, ConfigurationProblems problems) {
        if (!provider.config().path("clientId").isTextual() || provider.config().path("clientId").asText().isBlank()) {
            problems.error("config.clientId", provider.name() + " has no client id",
                    "set config.clientId to the app's client id at the provider (Facebook: the App ID; Apple: the "
                            + "Bundle ID or Services ID)");
        }
    }
}
