package dev.portico.query.projection;

import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserRegistered;
import dev.portico.query.readmodel.IdentityRepository;
import dev.portico.query.readmodel.IdentityRow;
import dev.portico.query.readmodel.UserRepository;
import dev.portico.query.readmodel.UserRow;
import dev.portico.query.readmodel.UserState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code users} and {@code user_identities} in step with the event store. Every handler can run twice
 * for the same event without changing the result, and a replay starts from empty tables. Sealed personal
 * data (profiles, client details) is never opened or copied here.
 */
@Component
@ProcessingGroup(ProcessingGroups.USERS)
public class UserProjection {
    private final UserRepository users;
    private final IdentityRepository identities;

    public UserProjection(UserRepository users, IdentityRepository identities) {
        this.users = users;
        this.identities = identities;
    }

    @EventHandler
    void on(UserRegistered event) {
        users.insertIfAbsent(new UserRow(event.userId(), event.appId(), event.type(), UserState.ACTIVE,
                event.registeredAt(), null));
    }

    @EventHandler
    void on(IdentityLinked event) {
        identities.insertIfUserExists(new IdentityRow(event.userId(), event.identityId(), event.providerType(),
                event.providerId(), event.subject(), event.profile(), event.linkedAt()));
    }

    @EventHandler
    void on(SessionIssued event) {
        users.recordLogin(event.userId(), event.issuedAt());
    }

    @EventHandler
    void on(UserDeleted event) {
        identities.deleteOf(event.userId());
        users.delete(event.userId());
    }

    /** Runs in the reset's transaction, before the tokens go back to the start of the event store. */
    @ResetHandler
    void reset() {
        identities.deleteAll();
        users.deleteAll();
    }
}
