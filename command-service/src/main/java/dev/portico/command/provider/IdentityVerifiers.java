package dev.portico.command.provider;

import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.InvalidAppConfiguration;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.identity.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The verifier for each kind of provider this build supports. On start it has each verifier check the
 * settings of every provider of its kind, so that a wrong export stops the start rather than the first login.
 */
@Component
public class IdentityVerifiers {
    private final Map<ProviderType, IdentityVerifier> byType = new EnumMap<>(ProviderType.class);

    public IdentityVerifiers(List<IdentityVerifier> verifiers, AppRegistry apps) {
        for (IdentityVerifier verifier : verifiers) {
            IdentityVerifier other = byType.putIfAbsent(verifier.type(), verifier);
            if (other != null) {
                throw new IllegalStateException("two verifiers for " + verifier.type().wireName() + ": "
                        + other.getClass().getName() + " and " + verifier.getClass().getName());
            }
        }
        ConfigurationProblems problems = new ConfigurationProblems();
        for (App app : apps.all()) {
            for (LoginProvider provider : app.providers().values()) {
                IdentityVerifier verifier = byType.get(provider.type());
                if (verifier != null && !provider.disabled()) {
                    problems.inFile("app " + app.id() + ", provider " + provider.name());
                    verifier.checkConfiguration(app, provider, problems);
                }
            }
        }
        InvalidAppConfiguration.throwIfAny(problems);
    }

    public Optional<IdentityVerifier> forType(ProviderType type) {
        return Optional.ofNullable(byType.get(type));
    }
}
