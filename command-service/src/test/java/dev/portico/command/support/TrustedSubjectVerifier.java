package dev.portico.command.support;

import dev.portico.command.provider.Credentials;
import dev.portico.command.provider.IdentityVerifier;
import dev.portico.command.provider.LoginRefused;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import org.bson.BsonValue;

/**
 * A stand-in provider for tests of what every provider shares (claims, linking): it believes the body's
 * {@code subject}, so that a test can log the same person in many times. Registered for the custom-function
 * provider type in tests only.
 */
public class TrustedSubjectVerifier implements IdentityVerifier {
    @Override
    public ProviderType type() {
        return ProviderType.CUSTOM_FUNCTION;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        BsonValue subject = credentials.fields().get("subject");
        if (subject == null || !subject.isString()) {
            throw new LoginRefused("AuthError", "no subject");
        }
        return new VerifiedIdentity(type(), credentials.provider().id(), subject.asString().getValue(), null,
                UserType.NORMAL, false);
    }
}
