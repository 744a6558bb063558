package dev.portico.command.provider;

import dev.portico.command.app.App;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.UserId;

/** Checks the credentials of one kind of login provider. */
public interface IdentityVerifier {
    ProviderType type();

    /**
     * @param candidateUserId the id the user gets if this login creates it (some identities embed it)
     * @throws LoginRefused when the credentials do not prove an identity
     */
    VerifiedIdentity verify(Credentials credentials, UserId candidateUserId);

    /**
     * Checks a provider's settings when its app loads, so that a wrong export stops the start rather than the
     * first login. Report each problem under its field, e.g. {@code config.clientId}.
     */
    default void checkConfiguration(LoginProvider provider, ConfigurationProblems problems) {
    }

    /** The same check for providers whose settings refer to the rest of their app, e.g. to its functions. */
    default void checkConfiguration(App app, LoginProvider provider, ConfigurationProblems problems) {
        checkConfiguration(provider, problems);
    }
}
