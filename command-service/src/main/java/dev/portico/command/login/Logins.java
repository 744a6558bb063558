package dev.portico.command.login;

import dev.portico.command.app.App;
import dev.portico.command.command.IssueSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.SessionGrant;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.provider.Credentials;
import dev.portico.command.provider.IdentityVerifier;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.command.session.AccessTokenClaims;
import dev.portico.command.session.AccessTokens;
import dev.portico.command.session.RefreshTokens;
import dev.portico.command.session.TokenProperties;
import dev.portico.command.uniqueness.IdentityOwners;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logs a verified identity in: finds its user or registers a new one, and opens a session. Registration and
 * the first session commit together, so a user never exists without the login that created it.
 */
@Component
public class Logins {
    private static final int MAX_ATTEMPTS = 3;

    private final IdentityOwners owners;
    private final PersonalDataVault vault;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final AccessTokens accessTokens;
    private final TokenProperties tokenProperties;
    private final Clock clock;

    public Logins(IdentityOwners owners, PersonalDataVault vault, CommandGateway commands,
            TransactionTemplate transactions, AccessTokens accessTokens, TokenProperties tokenProperties, Clock clock) {
        this.owners = owners;
        this.vault = vault;
        this.commands = commands;
        this.transactions = transactions;
        this.accessTokens = accessTokens;
        this.tokenProperties = tokenProperties;
        this.clock = clock;
    }

    public LoginResult logIn(App app, IdentityVerifier verifier, Credentials credentials, ClientContext client) {
        UserId candidate = UserId.generate();
        VerifiedIdentity verified = verifier.verify(credentials, candidate);
        for (int attempt = 1; ; attempt++) {
            try {
                return openSession(app, verified, candidate, client);
            } catch (RuntimeException e) {
                // A concurrent first login registered the identity, or a concurrent login of the same user
                // appended first; the whole transaction is void, and the next attempt sees the winner's work.
                if (attempt == MAX_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private SessionGrant grant(SessionId sessionId, String refreshToken, ClientContext client, UserKey key) {
        return new SessionGrant(sessionId, client.deviceId(), RefreshTokens.hash(refreshToken), key.seal(client.details()),
                clock.instant().plus(tokenProperties.refreshTokenLifetime()));
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DuplicateKeyException || t instanceof ConcurrencyException
                    || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private LoginResult openSession(App app, VerifiedIdentity verified, UserId candidate, ClientContext client) {
        String refreshToken = RefreshTokens.newToken();
        SessionId sessionId = SessionId.generate();
        UserId userId = transactions.execute(status -> {
            Optional<UserId> owner = verified.unseen() ? Optional.empty() : owners.ownerOf(app.id(), verified.identity());
            if (owner.isPresent()) {
                UserKey key = vault.findKey(owner.get())
                        .orElseThrow(() -> new IllegalStateException("user has no personal data key"));
                commands.sendAndWait(new IssueSession(owner.get(), verified.identity(),
                        grant(sessionId, refreshToken, client, key)));
                return owner.get();
            }
            UserKey key = vault.createKey(candidate);
            commands.sendAndWait(new RegisterUser(candidate, app.id(), verified.newUserType(), verified.identity(),
                    verified.profile() == null ? null : key.seal(verified.profile()),
                    grant(sessionId, refreshToken, client, key)));
            return candidate;
        });
        String accessToken = accessTokens.issue(
                new AccessTokenClaims(userId, sessionId, app.id(), app.domainId(), client.deviceId()), Map.of());
        return new LoginResult(userId, accessToken, refreshToken, client.deviceId());
    }
}
