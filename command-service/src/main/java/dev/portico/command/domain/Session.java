package dev.portico.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.portico.command.command.RecordSessionUse;
import dev.portico.command.command.RevokeSession;
import dev.portico.command.command.SessionGrant;
import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.session.SessionUsed;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One login's session, in a stream of its own so that a user's logins never lengthen the user's stream. Only
 * a {@link User} opens one; it ends when it is revoked, when it expires, or with its user. Its last use is
 * recorded coarsely: at most once per interval ({@link #useIsDue}), however often it is refreshed.
 */
@Aggregate
public class Session {
    @AggregateIdentifier
    private SessionId id;
    private UserId userId;
    private Instant expiresAt;
    private boolean revoked;
    private Instant lastUsedAt;

    protected Session() {
        // for Axon's event sourcing
    }

    Session(UserId user, AppId app, IdentityId identity, ProviderType providerType, SessionGrant grant, Instant now) {
        apply(new SessionIssued(grant.sessionId(), user, app, identity, providerType, grant.deviceId(),
                grant.refreshTokenHash(), grant.client(), now, grant.expiresAt()));
    }

    @CommandHandler
    public void handle(RevokeSession command) {
        Instant now = User.now();
        if (revoked || !expiresAt.isAfter(now)) {
            throw new SessionNotFound(id);
        }
        apply(new SessionRevoked(id, userId, command.reason(), now));
    }

    /** @return whether a use was recorded */
    @CommandHandler
    public boolean handle(RecordSessionUse command) {
        Instant now = User.now();
        if (revoked || !expiresAt.isAfter(now)) {
            throw new SessionNotFound(id);
        }
        if (!useIsDue(lastUsedAt, now, command.interval())) {
            return false;
        }
        apply(new SessionUsed(id, userId, now));
        return true;
    }

    /**
     * The rule of last use: a use is recorded when the last recorded one (or the login) is at least
     * {@code interval} old. Also what spares a refresh the command when its session's view says it is not due.
     */
    public static boolean useIsDue(Instant lastUsedAt, Instant now, Duration interval) {
        return !lastUsedAt.plus(interval).isAfter(now);
    }

    @EventSourcingHandler
    void on(SessionIssued event) {
        id = event.sessionId();
        userId = event.userId();
        expiresAt = event.expiresAt();
        lastUsedAt = event.issuedAt();
    }

    @EventSourcingHandler
    void on(SessionUsed event) {
        lastUsedAt = event.usedAt();
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        revoked = true;
    }
}
