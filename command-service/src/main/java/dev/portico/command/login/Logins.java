package dev.portico.command.login;

import dev.portico.command.app.App;
import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.command.LinkIdentity;
import dev.portico.command.command.OpenSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.SealedIdentity;
import dev.portico.command.command.SessionGrant;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.command.session.AccessTokenClaims;
import dev.portico.command.session.AccessTokens;
import dev.portico.command.session.RefreshTokens;
import dev.portico.command.session.TokenProperties;
import dev.portico.events.Actor;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logs a verified identity in, in three steps that every provider shares: find who has claimed the identity
 * ({@link IdentityClaims}), attach it to that user or register a new one, and open a session. Each login is
 * one transaction, so a user never exists without the login that created it, and a lost race for a claim
 * leaves nothing behind.
 */
@Component
public class Logins {
    private static final int MAX_ATTEMPTS = 3;

    private final IdentityClaims claims;
    private final PersonalDataVault vault;
    private final AuditedCommands commands;
    private final TransactionTemplate transactions;
    private final AccessTokens accessTokens;
    private final TokenProperties tokenProperties;
    private final Clock clock;

    public Logins(IdentityClaims claims, PersonalDataVault vault, AuditedCommands commands,
            TransactionTemplate transactions, AccessTokens accessTokens, TokenProperties tokenProperties, Clock clock) {
        this.claims = claims;
        this.vault = vault;
        this.commands = commands;
        this.transactions = transactions;
        this.accessTokens = accessTokens;
        this.tokenProperties = tokenProperties;
        this.clock = clock;
    }

    /** @param candidate the id the user gets if this login creates it (the verifier may have embedded it) */
    public LoginResult logIn(App app, VerifiedIdentity verified, UserId candidate, ClientContext client,
            RequestContext request) {
        return retryingConflicts(() -> openSession(app, verified, candidate, client, request));
    }

    /**
     * Adds the identity to the user of an access token, keeping that session, and answers with a new access
     * token for it. The user decides what it accepts; an identity another user holds is refused here.
     *
     * @throws IdentityClaimedByAnotherUser when another user of the app holds the identity
     */
    public LoginResult link(App app, VerifiedIdentity verified, AccessTokenClaims session, RequestContext request) {
        UserId user = session.userId();
        retryingConflicts(() -> transactions.execute(status -> {
            Optional<UserId> owner = claims.ownerOf(app.id(), verified.providerId(), verified.subject());
            if (owner.isPresent() && !owner.get().equals(user)) {
                throw new IdentityClaimedByAnotherUser();
            }
            UserKey key = keyOf(user);
            commands.send(new LinkIdentity(user, seal(verified, key)), Actor.user(user), key, request);
            return user;
        }));
        return new LoginResult(user, accessTokens.issue(session, Map.of()), null, session.deviceId());
    }

    private LoginResult openSession(App app, VerifiedIdentity verified, UserId candidate, ClientContext client,
            RequestContext request) {
        String refreshToken = RefreshTokens.newToken();
        SessionId sessionId = SessionId.generate();
        UserId userId = transactions.execute(status -> {
            Optional<UserId> owner = verified.unseen() ? Optional.empty()
                    : claims.ownerOf(app.id(), verified.providerId(), verified.subject());
            if (owner.isPresent()) {
                UserKey key = keyOf(owner.get());
                commands.send(new OpenSession(owner.get(), key.identityId(verified.providerId(), verified.subject()),
                        grant(sessionId, refreshToken, client, key)), Actor.user(owner.get()), key, request);
                return owner.get();
            }
            UserKey key = vault.createKey(candidate);
            commands.send(new RegisterUser(candidate, app.id(), verified.newUserType(), seal(verified, key),
                    grant(sessionId, refreshToken, client, key)), Actor.user(candidate), key, request);
            return candidate;
        });
        String accessToken = accessTokens.issue(
                new AccessTokenClaims(userId, sessionId, app.id(), app.domainId(), client.deviceId()), Map.of());
        return new LoginResult(userId, accessToken, refreshToken, client.deviceId());
    }

    private static SealedIdentity seal(VerifiedIdentity verified, UserKey key) {
        return new SealedIdentity(key.identityId(verified.providerId(), verified.subject()), verified.providerType(),
                verified.providerId(), key.sealText(verified.subject()),
                verified.profile() == null ? null : key.seal(verified.profile()));
    }

    private SessionGrant grant(SessionId sessionId, String refreshToken, ClientContext client, UserKey key) {
        return new SessionGrant(sessionId, client.deviceId(), RefreshTokens.hash(refreshToken), key.seal(client.device()),
                clock.instant().plus(tokenProperties.refreshTokenLifetime()));
    }

    private UserKey keyOf(UserId user) {
        return vault.findKey(user).orElseThrow(() -> new IllegalStateException("user has no personal data key"));
    }

    /**
     * A concurrent first login claimed the identity, or a concurrent command on the same user appended first:
     * the whole transaction is void, and the next attempt sees the winner's work.
     */
    private static <T> T retryingConflicts(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (n == MAX_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
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
}
