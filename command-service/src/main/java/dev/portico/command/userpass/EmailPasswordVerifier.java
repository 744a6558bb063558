package dev.portico.command.userpass;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.provider.Credentials;
import dev.portico.command.provider.IdentityVerifier;
import dev.portico.command.provider.LoginRefused;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.UserType;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Password logins ({@code local-userpass}): {@code {username, password}}. The identity's subject is the
 * account name (the address, normalised), and its profile {@code {"email": …}}.
 *
 * <p>An unknown address and a wrong password get the same answer, 401 {@code InvalidPassword} "invalid
 * username/password", after the same work: an unknown address is checked against a decoy hash. Every attempt
 * first takes its place in the brute-force budgets ({@link LoginThrottle}); while one is spent the answer is
 * the same code with "too many failed attempts" and {@code Retry-After}. A 401 on a login never starts
 * realm-web's token refresh (only {@code InvalidSession} or "unauthorized" would, and only with an access
 * token), so this is also safe when realm-web links credentials. The right password of an unconfirmed
 * account gets "confirmation required", as App Services answered, and only then: nobody learns that an
 * address waits for confirmation without its password.
 */
@Component
public class EmailPasswordVerifier implements IdentityVerifier {
    static final String INVALID = "invalid username/password";
    private static final Logger log = LoggerFactory.getLogger(EmailPasswordVerifier.class);

    private final EmailPasswordAccounts accounts;
    private final PasswordCredentials credentials;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final UserpassMail mail;
    private final Clock clock;
    private final ObjectMapper json;

    public EmailPasswordVerifier(EmailPasswordAccounts accounts, PasswordCredentials credentials, PasswordHasher hasher,
            LoginThrottle throttle, UserpassMail mail, Clock clock, ObjectMapper json) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.hasher = hasher;
        this.throttle = throttle;
        this.mail = mail;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public ProviderType type() {
        return ProviderType.EMAIL_PASSWORD;
    }

    @Override
    public VerifiedIdentity verify(Credentials presented, UserId candidateUserId) {
        String username = string(presented, "username");
        String password = string(presented, "password");
        LoginProvider provider = presented.provider();
        if (username == null || password == null || username.isEmpty()
                || username.length() > EmailPasswordAccounts.MAX_USERNAME
                || password.codePointCount(0, password.length()) > EmailPasswordAccounts.MAX_PASSWORD) {
            // No account can have such a name or password; nothing to count or compare.
            throw invalid();
        }
        String account = accounts.addressDigest(presented.appId(), provider, username);
        String client = accounts.clientDigest(presented.appId(), presented.clientAddress());
        Optional<Duration> wait = throttle.tryAttempt(account, client);
        if (wait.isPresent()) {
            throw new LoginRefused("InvalidPassword", UserpassRefused.tooManyAttemptsMessage(wait.get()), wait.get());
        }
        Optional<PasswordCredentials.Credential> credential = Optional.empty();
        boolean right = false;
        try {
            credential = credentials.find(account, clock.instant());
            right = credential.isPresent() ? hasher.verify(password, credential.get().passwordHash())
                    : hasher.verifyDecoy(password);
        } finally {
            if (right) {
                throttle.succeeded(account, client);
            } else {
                throttle.failed(account, client);
            }
        }
        if (!right) {
            throw invalid();
        }
        if (credential.get().pending()) {
            throw new LoginRefused("AuthError", "confirmation required");
        }
        if (!hasher.isCurrent(credential.get().passwordHash())) {
            credentials.rehash(credential.get().credentialId(), credential.get().passwordHash(), hasher.hash(password));
            log.info("credential {}: password re-hashed at the configured cost", credential.get().credentialId());
        }
        String name = EmailPasswordAccounts.accountName(username);
        return new VerifiedIdentity(ProviderType.EMAIL_PASSWORD, provider.id(), name,
                json.createObjectNode().put("email", name), UserType.NORMAL, false);
    }

    @Override
    public void checkConfiguration(LoginProvider provider, ConfigurationProblems problems) {
        UserpassSettings settings = UserpassSettings.read(provider.config(), problems);
        boolean mails = settings.confirmation() == UserpassSettings.Confirmation.EMAIL
                || settings.reset() == UserpassSettings.Reset.EMAIL;
        if (mails && !mail.available()) {
            problems.error("spring.mail.host", "this app confirms accounts or resets passwords by e-mail, but no mail"
                    + " server is configured", "set spring.mail.host (PORTICO_MAIL_HOST) and spring.mail.port");
        }
    }

    private static String string(Credentials presented, String field) {
        BsonValue value = presented.fields().get(field);
        return value != null && value.isString() ? value.asString().getValue() : null;
    }

    private static LoginRefused invalid() {
        return new LoginRefused("InvalidPassword", INVALID);
    }
}
