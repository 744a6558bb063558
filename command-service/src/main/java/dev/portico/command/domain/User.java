package dev.portico.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.LinkIdentity;
import dev.portico.command.command.OpenSession;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.SealedIdentity;
import dev.portico.command.command.SessionGrant;
import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserRegistered;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ApplyMore;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user of one app and the identities that log in as it; every rule about users is decided here. Its
 * stream holds what changes the user, not its logins: each login opens a {@link Session} of its own, so
 * loading a user costs the same after ten thousand logins as after one.
 *
 * <p>That an identity belongs to at most one user of an app is a rule over all users, which no single user
 * can see; {@code claim.IdentityClaims} holds it.
 */
@Aggregate
public class User {
    @AggregateIdentifier
    private UserId id;
    private AppId appId;
    private final Map<IdentityId, ProviderType> identities = new LinkedHashMap<>();

    protected User() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public User(RegisterUser command) {
        Instant now = now();
        requireFutureExpiry(command.firstSession(), now);
        apply(new UserRegistered(command.userId(), command.appId(), command.type(), now));
        // Events applied in a constructor take effect once it returns; opening the session after them keeps the
        // user's events ahead of its first session's.
        link(command.userId(), command.appId(), command.identity(), now).andThen(() ->
                open(command.userId(), command.appId(), command.identity().id(), command.identity().providerType(),
                        command.firstSession(), now));
    }

    @CommandHandler
    public void handle(OpenSession command) {
        Instant now = now();
        ProviderType providerType = identities.get(command.identityId());
        if (providerType == null) {
            throw new IdentityNotLinked(command.identityId());
        }
        requireFutureExpiry(command.session(), now);
        open(id, appId, command.identityId(), providerType, command.session(), now);
    }

    /**
     * Linking the same identity again changes nothing. An anonymous identity proves nobody and a second
     * email/password identity would make two passwords for one person, so both are refused, as App Services did.
     */
    @CommandHandler
    public void handle(LinkIdentity command) {
        SealedIdentity identity = command.identity();
        if (identities.containsKey(identity.id())) {
            return;
        }
        if (identity.providerType() == ProviderType.ANONYMOUS) {
            throw new IdentityNotLinkable("linking an anonymous identity is not allowed");
        }
        if (identity.providerType() == ProviderType.EMAIL_PASSWORD
                && identities.containsValue(ProviderType.EMAIL_PASSWORD)) {
            throw new IdentityNotLinkable("linking a local-userpass identity is not allowed when one is already linked");
        }
        link(id, appId, identity, now());
    }

    /**
     * Nobody can ever log in as an anonymous user again once its session is gone, so, like App Services,
     * logging out ends it; a user that has linked any other identity is permanent and stays.
     */
    @CommandHandler
    public void handle(DeleteUser command) {
        if (command.reason() == DeletionReason.ANONYMOUS_LOGOUT && !onlyAnonymous()) {
            return;
        }
        apply(new UserDeleted(id, appId, command.reason(), now()));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        appId = event.appId();
    }

    @EventSourcingHandler
    void on(IdentityLinked event) {
        identities.put(event.identityId(), event.providerType());
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        markDeleted();
    }

    private static ApplyMore link(UserId user, AppId app, SealedIdentity identity, Instant now) {
        return apply(new IdentityLinked(user, app, identity.id(), identity.providerType(), identity.providerId(),
                identity.subject(), identity.profile(), now));
    }

    /** Takes the ids as arguments: in the constructor, fields are only set once it returns. */
    private static void open(UserId user, AppId app, IdentityId identity, ProviderType providerType, SessionGrant grant,
            Instant now) {
        try {
            createNew(Session.class, () -> new Session(user, app, identity, providerType, grant, now));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the session could not be created", e);
        }
    }

    private static void requireFutureExpiry(SessionGrant session, Instant now) {
        if (!session.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("a session must expire in the future");
        }
    }

    private boolean onlyAnonymous() {
        return identities.values().stream().allMatch(type -> type == ProviderType.ANONYMOUS);
    }

    static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
