package dev.portico.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.IssueSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.RevokeSession;
import dev.portico.command.command.SessionGrant;
import dev.portico.events.AppId;
import dev.portico.events.DeletionReason;
import dev.portico.events.Identity;
import dev.portico.events.IdentityLinked;
import dev.portico.events.ProviderType;
import dev.portico.events.RevocationReason;
import dev.portico.events.SessionId;
import dev.portico.events.SessionIssued;
import dev.portico.events.SessionRevoked;
import dev.portico.events.UserDeleted;
import dev.portico.events.UserId;
import dev.portico.events.UserRegistered;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user of one app: the identities that log in as it and the sessions those logins opened. Its events are
 * the user's whole history; every rule about users is decided here.
 */
@Aggregate
public class User {
    @AggregateIdentifier
    private UserId id;
    private AppId appId;
    private final Set<Identity> identities = new LinkedHashSet<>();
    private final Map<SessionId, Instant> openSessions = new HashMap<>();

    protected User() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public User(RegisterUser command) {
        Instant now = now();
        requireFutureExpiry(command.firstSession(), now);
        apply(new UserRegistered(command.userId(), command.appId(), command.type(), now));
        apply(new IdentityLinked(command.userId(), command.appId(), command.identity(), command.profile(), now));
        // Fields are set by the event sourcing handlers only once the constructor returns, so the ids come
        // from the command here.
        issue(command.userId(), command.appId(), command.identity(), command.firstSession(), now);
    }

    @CommandHandler
    public void handle(IssueSession command) {
        Instant now = now();
        if (!identities.contains(command.identity())) {
            throw new IdentityNotLinked(command.identity());
        }
        requireFutureExpiry(command.session(), now);
        issue(id, appId, command.identity(), command.session(), now);
    }

    @CommandHandler
    public void handle(RevokeSession command) {
        Instant now = now();
        Instant expiresAt = openSessions.get(command.sessionId());
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            throw new SessionNotFound(command.sessionId());
        }
        apply(new SessionRevoked(id, command.sessionId(), command.reason(), now));
        // Nobody can ever log in as an anonymous user again once its session is gone, so, like App
        // Services, logging out ends the user.
        if (command.reason() == RevocationReason.LOGGED_OUT && onlyAnonymous()) {
            apply(new UserDeleted(id, appId, DeletionReason.ANONYMOUS_LOGOUT, now));
        }
    }

    @CommandHandler
    public void handle(DeleteUser command) {
        apply(new UserDeleted(id, appId, command.reason(), now()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        appId = event.appId();
    }

    @EventSourcingHandler
    void on(IdentityLinked event) {
        identities.add(event.identity());
    }

    @EventSourcingHandler
    void on(SessionIssued event) {
        openSessions.values().removeIf(expiry -> !expiry.isAfter(event.issuedAt()));
        openSessions.put(event.sessionId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(SessionRevoked event) {
        openSessions.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        openSessions.clear();
        markDeleted();
    }

    private static void issue(UserId user, AppId app, Identity identity, SessionGrant session, Instant now) {
        apply(new SessionIssued(user, app, session.sessionId(), identity, session.deviceId(),
                session.refreshTokenHash(), session.client(), now, session.expiresAt()));
    }

    private static void requireFutureExpiry(SessionGrant session, Instant now) {
        if (!session.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("a session must expire in the future");
        }
    }

    private boolean onlyAnonymous() {
        return identities.stream().allMatch(identity -> identity.providerType() == ProviderType.ANONYMOUS);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
