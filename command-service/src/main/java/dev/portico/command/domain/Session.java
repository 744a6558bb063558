package dev.portico.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.portico.command.command.RevokeSession;
import dev.portico.command.command.SessionGrant;
import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One login's session, in a stream of its own so that a user's logins never lengthen the user's stream. Only
 * a {@link User} opens one; it ends when it is revoked, when it expires, or with its user.
 */
@Aggregate
public class Session {
    @AggregateIdentifier
    private SessionId id;
    private UserId userId;
    private Instant expiresAt;
    private boolean revoked;

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

    @EventSourcingHandler
    void on(SessionIssued event) {
        id = event.sessionId();
        userId = event.userId();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        revoked = true;
    }
}
