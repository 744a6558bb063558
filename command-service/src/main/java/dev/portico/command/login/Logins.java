package dev.portico.command.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.account.Accounts;
import dev.portico.command.app.App;
import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.Conflicts;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.claim.IdentityClaims;
import dev.portico.command.command.LinkIdentity;
import dev.portico.command.command.OpenApiKeySession;
import dev.portico.command.command.OpenSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.SealedIdentity;
import dev.portico.command.command.SessionGrant;
import dev.portico.command.command.UpdateIdentityProfile;
import dev.portico.command.customdata.CustomDataDocuments;
import dev.portico.command.domain.ApiKeyNotUsable;
import dev.portico.command.domain.IdentityNotLinkable;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.command.session.AccessTokenClaims;
import dev.portico.command.session.AccessTokens;
import dev.portico.command.session.RefreshTokens;
import dev.portico.command.session.TokenProperties;
import dev.portico.events.Actor;
import dev.portico.events.ApiKeyId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logs a verified identity in, in three steps that every provider shares: find who has claimed the identity
 * ({@link IdentityClaims}), attach it to that user or register a new one, and open a session. Each login is
 * one transaction, so a user never exists without the login that created it, and a lost race for a claim
 * leaves nothing behind.
 *
 * <p>An API key skips the first step: it names its owner, and the owner decides whether it still logs in. A
 * provider's metadata about a returning person is refreshed at every login, as App Services did, and recorded
 * only when it changed.
 */
@Component
public class Logins {
    private final IdentityClaims claims;
    private final Accounts accounts;
    private final PersonalDataVault vault;
    private final AuditedCommands commands;
    private final TransactionTemplate transactions;
    private final AccessTokens accessTokens;
    private final TokenProperties tokenProperties;
    private final Clock clock;
    private final CustomDataDocuments customData;

    public Logins(IdentityClaims claims, Accounts accounts, PersonalDataVault vault, AuditedCommands commands,
            TransactionTemplate transactions, AccessTokens accessTokens, TokenProperties tokenProperties, Clock clock,
            CustomDataDocuments customData) {
        this.claims = claims;
        this.accounts = accounts;
        this.vault = vault;
        this.commands = commands;
        this.transactions = transactions;
        this.accessTokens = accessTokens;
        this.tokenProperties = tokenProperties;
        this.clock = clock;
        this.customData = customData;
    }

    /**
     * @param candidate the id the user gets if this login creates it (the verifier may have embedded it)
     * @throws ApiKeyNotUsable when an API key was disabled or deleted, or its user deleted, since it was found
     */
    public LoginResult logIn(App app, VerifiedIdentity verified, UserId candidate, ClientContext client,
            RequestContext request) {
        return Conflicts.retrying(() -> openSession(app, verified, candidate, client, request));
    }

    /**
     * Adds the identity to the user of an access token, keeping that session, and answers with a new access
     * token for it. The user decides what it accepts; an identity another user holds is refused here.
     *
     * @throws IdentityClaimedByAnotherUser when another user of the app holds the identity
     */
    public LoginResult link(App app, VerifiedIdentity verified, AccessTokenClaims session, RequestContext request) {
        UserId user = session.userId();
        // An API key belongs to one user; only that user may add it as an identity.
        if (verified.owner() != null && !verified.owner().equals(user)) {
            throw new IdentityNotLinkable("invalid user link request");
        }
        Conflicts.retrying(() -> transactions.execute(status -> {
            Optional<UserId> owner = verified.owner() != null ? Optional.of(verified.owner())
                    : claims.ownerOf(app.id(), verified.providerId(), verified.subject());
            if (owner.isPresent() && !owner.get().equals(user)) {
                throw new IdentityClaimedByAnotherUser();
            }
            accounts.lockForChange(user);
            UserKey key = keyOf(user);
            commands.send(new LinkIdentity(user, seal(verified, key)), Actor.user(user), key, request);
            return user;
        }));
        return new LoginResult(user, accessTokens.issue(session, userData(app, user)), null, session.deviceId());
    }

    private LoginResult openSession(App app, VerifiedIdentity verified, UserId candidate, ClientContext client,
            RequestContext request) {
        String refreshToken = RefreshTokens.newToken();
        SessionId sessionId = SessionId.generate();
        Opened opened = transactions.execute(status -> {
            if (verified.owner() != null) {
                return openApiKeySession(verified, sessionId, refreshToken, client, request);
            }
            Optional<UserId> owner = verified.unseen() ? Optional.empty()
                    : claims.ownerOf(app.id(), verified.providerId(), verified.subject());
            if (owner.isPresent()) {
                accounts.lockForLogin(owner.get());
                UserKey key = keyOf(owner.get());
                IdentityId identity = key.identityId(verified.providerId(), verified.subject());
                refreshProfile(owner.get(), identity, verified, key, request);
                commands.send(new OpenSession(owner.get(), identity, grant(sessionId, refreshToken, client, key)),
                        Actor.user(owner.get()), key, request);
                return new Opened(owner.get(), key);
            }
            UserKey key = vault.createKey(candidate);
            commands.send(new RegisterUser(candidate, app.id(), verified.newUserType(), seal(verified, key),
                    grant(sessionId, refreshToken, client, key)), Actor.user(candidate), key, request);
            return new Opened(candidate, null);
        });
        UserId userId = opened.user();
        // A user this login created has no custom data yet.
        Map<String, Object> userData = opened.key() == null ? null : userData(app, userId, opened.key());
        String accessToken = accessTokens.issue(
                new AccessTokenClaims(userId, sessionId, app.id(), app.domainId(), client.deviceId()), userData);
        return new LoginResult(userId, accessToken, refreshToken, client.deviceId());
    }

    /** The user a login opened a session of, and its key when the user existed before (the key was read anyway). */
    private record Opened(UserId user, UserKey key) {
    }

    /** A user deleted since its key was found has no personal-data key and no stream: the key is simply invalid. */
    private Opened openApiKeySession(VerifiedIdentity verified, SessionId sessionId, String refreshToken,
            ClientContext client, RequestContext request) {
        UserId owner = verified.owner();
        accounts.lockForLogin(owner);
        UserKey key = vault.findKey(owner).orElseThrow(ApiKeyNotUsable::new);
        try {
            commands.send(new OpenApiKeySession(owner, new ApiKeyId(verified.subject()), seal(verified, key),
                    grant(sessionId, refreshToken, client, key)), Actor.user(owner), key, request);
        } catch (AggregateDeletedException e) {
            throw new ApiKeyNotUsable();
        }
        return new Opened(owner, key);
    }

    /**
     * Records the provider's new metadata about the identity when it differs from what the user holds. The
     * comparison is of the opened profiles: sealed values differ every time (a new nonce each), and an event per
     * login would grow the user's stream with every login.
     */
    private void refreshProfile(UserId user, IdentityId identity, VerifiedIdentity verified, UserKey key,
            RequestContext request) {
        if (verified.profile() == null) {
            return;
        }
        JsonNode current = accounts.sealedProfile(user, identity).map(key::open).orElse(null);
        if (!verified.profile().equals(current)) {
            commands.send(new UpdateIdentityProfile(user, identity, key.seal(verified.profile())), Actor.user(user),
                    key, request);
        }
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

    /** The {@code user_data} claim; null without a document, or for a user deleted a moment ago. */
    private Map<String, Object> userData(App app, UserId user) {
        return vault.findKey(user).map(key -> userData(app, user, key)).orElse(null);
    }

    private Map<String, Object> userData(App app, UserId user, UserKey key) {
        return customData.find(key).map(document -> CustomDataDocuments.claim(app, user, document)).orElse(null);
    }

    private UserKey keyOf(UserId user) {
        return vault.findKey(user).orElseThrow(() -> new IllegalStateException("user has no personal data key"));
    }
}
