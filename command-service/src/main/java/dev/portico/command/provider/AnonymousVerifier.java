package dev.portico.command.provider;

import dev.portico.events.identity.ProviderType;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.security.SecureRandom;
import org.springframework.stereotype.Component;

/**
 * Anonymous logins prove nothing and always make a new user. The identity id has App Services' shape,
 * the user id, a dash and 24 random lowercase letters, so no two anonymous identities can collide.
 */
@Component
class AnonymousVerifier implements IdentityVerifier {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public ProviderType type() {
        return ProviderType.ANONYMOUS;
    }

    @Override
    public VerifiedIdentity verify(Credentials credentials, UserId candidateUserId) {
        char[] letters = new char[24];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        String subject = candidateUserId.value() + "-" + new String(letters);
        return new VerifiedIdentity(ProviderType.ANONYMOUS, credentials.provider().id(), subject, null, UserType.NORMAL,
                true);
    }
}
