package dev.portico.command.login;

import dev.portico.command.account.Accounts;
import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.Conflicts;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.DisableUser;
import dev.portico.command.command.EnableUser;
import dev.portico.command.command.RecordSessionUse;
import dev.portico.command.command.RevokeSession;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.domain.Session;
import dev.portico.command.domain.SessionNotFound;
import dev.portico.command.session.SessionProperties;
import dev.portico.command.session.SessionRecord;
import dev.portico.command.session.SessionStore;
import dev.portico.events.Actor;
import dev.portico.events.AppId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.user.DeletionReason;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends sessions and users, disables and enables them, on behalf of an actor, with the request recorded for the
 * auditors. Each action is one transaction that first locks the user's account row (so actions on one user take
 * turns), and is tried again when a concurrent command on the user appended first.
 */
@Component
public class UserLifecycle {
    private final AuditedCommands commands;
    private final PersonalDataVault vault;
    private final TransactionTemplate transactions;
    private final Accounts accounts;
    private final SessionStore sessions;
    private final SessionProperties sessionProperties;
    private final Clock clock;

    public UserLifecycle(AuditedCommands commands, PersonalDataVault vault, TransactionTemplate transactions,
            Accounts accounts, SessionStore sessions, SessionProperties sessionProperties, Clock clock) {
        this.commands = commands;
        this.vault = vault;
        this.transactions = transactions;
        this.accounts = accounts;
        this.sessions = sessions;
        this.sessionProperties = sessionProperties;
        this.clock = clock;
    }

    /**
     * Records that a refresh used the session when its last recorded use is due ({@link Session#useIsDue}): the
     * session's view, read by the refresh already, spares nearly every refresh the command. A session ended
     * meanwhile has nothing to note.
     */
    public void recordUse(SessionRecord session, RequestContext request) {
        if (!Session.useIsDue(session.activeAt(), clock.instant(), sessionProperties.useInterval())) {
            return;
        }
        try {
            Conflicts.retrying(() -> transactions.execute(status -> commands.send(
                    new RecordSessionUse(session.sessionId(), sessionProperties.useInterval()),
                    Actor.user(session.userId()), vault.findKey(session.userId()).orElse(null), request)));
        } catch (SessionNotFound | AggregateDeletedException ended) {
            // Logged out, revoked or deleted since the refresh read it.
        }
    }

    /**
     * Revokes the session and, in the same transaction, asks its user whether a logout ends it (an anonymous
     * user's does).
     */
    public void logOut(UserId user, SessionId session, RequestContext request) {
        inTransaction(user, key -> {
            commands.send(new RevokeSession(session, RevocationReason.LOGGED_OUT), Actor.user(user), key, request);
            commands.send(new DeleteUser(user, DeletionReason.ANONYMOUS_LOGOUT), Actor.user(user), key, request);
            return null;
        });
    }

    public void delete(UserId user, DeletionReason reason, Actor actor, RequestContext request) {
        inTransaction(user, key -> commands.send(new DeleteUser(user, reason), actor, key, request));
    }

    /**
     * Disables the user and ends each of its open sessions ({@code USER_DISABLED}), all in one transaction.
     *
     * @throws UnknownUser when the app has no such user
     */
    public UserChange disable(AppId app, UserId user, Actor actor, RequestContext request) {
        return inTransaction(app, user, key -> {
            boolean changed = commands.send(new DisableUser(user), actor, key, request);
            int ended = endSessions(user, RevocationReason.USER_DISABLED, actor, key, request);
            return new UserChange(changed, ended);
        });
    }

    /** @throws UnknownUser when the app has no such user */
    public UserChange enable(AppId app, UserId user, Actor actor, RequestContext request) {
        return inTransaction(app, user, key -> {
            boolean changed = commands.send(new EnableUser(user), actor, key, request);
            return new UserChange(changed, 0);
        });
    }

    /**
     * Ends every open session of the user ({@code REVOKED}); the user can log in again at once.
     *
     * @throws UnknownUser when the app has no such user
     */
    public UserChange revokeSessions(AppId app, UserId user, Actor actor, RequestContext request) {
        return inTransaction(app, user, key -> {
            int ended = endSessions(user, RevocationReason.REVOKED, actor, key, request);
            return new UserChange(ended > 0, ended);
        });
    }

    /** @throws UnknownUser when the app has no such user */
    public void delete(AppId app, UserId user, DeletionReason reason, Actor actor, RequestContext request) {
        inTransaction(app, user, key -> commands.send(new DeleteUser(user, reason), actor, key, request));
    }

    private int endSessions(UserId user, RevocationReason reason, Actor actor, UserKey key, RequestContext request) {
        List<SessionId> open = sessions.openSessionsOf(user);
        for (SessionId session : open) {
            commands.send(new RevokeSession(session, reason), actor, key, request);
        }
        return open.size();
    }

    private <T> T inTransaction(AppId app, UserId user, Function<UserKey, T> work) {
        return Conflicts.retrying(() -> transactions.execute(status -> {
            if (!accounts.lockForChange(user).filter(app::equals).isPresent()) {
                throw new UnknownUser();
            }
            return work.apply(vault.findKey(user).orElse(null));
        }));
    }

    /** For the user's own requests: a user deleted meanwhile is refused as its stream would refuse it. */
    private <T> T inTransaction(UserId user, Function<UserKey, T> work) {
        return Conflicts.retrying(() -> transactions.execute(status -> {
            if (accounts.lockForChange(user).isEmpty()) {
                throw new AggregateDeletedException(user.value());
            }
            return work.apply(vault.findKey(user).orElse(null));
        }));
    }
}
