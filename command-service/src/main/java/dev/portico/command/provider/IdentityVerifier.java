package dev.portico.command.provider;

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
}
