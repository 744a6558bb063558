package dev.portico.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.session.SessionUsed;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.query.privacy.PersonalData;
import dev.portico.query.privacy.SearchIndex;
import dev.portico.query.readmodel.CustomDataRepository;
import dev.portico.query.readmodel.IdentityRepository;
import dev.portico.query.readmodel.IdentityRow;
import dev.portico.query.readmodel.SearchTerm;
import dev.portico.query.readmodel.SearchTermRepository;
import dev.portico.query.readmodel.SessionRepository;
import dev.portico.query.readmodel.SessionRow;
import dev.portico.query.readmodel.UserRepository;
import dev.portico.query.readmodel.UserRow;
import dev.portico.query.readmodel.UserState;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the read models of users (their state, identities, sessions, custom data and search terms) in step
 * with the event store. Every handler can run twice for the same event without changing the result, and a
 * replay starts from empty tables. Sealed personal data is stored sealed; it is opened here only to compute
 * the blind-index digests of the fields listings filter on. A new event type is one more handler here and,
 * if it needs one, one more repository method.
 */
@Component
@ProcessingGroup(ProcessingGroups.USERS)
public class UserProjection {
    private static final Logger log = LoggerFactory.getLogger(UserProjection.class);

    private final UserRepository users;
    private final IdentityRepository identities;
    private final SessionRepository sessions;
    private final CustomDataRepository customData;
    private final SearchTermRepository searchTerms;
    private final PersonalData personalData;
    private final SearchIndex searchIndex;

    public UserProjection(UserRepository users, IdentityRepository identities, SessionRepository sessions,
            CustomDataRepository customData, SearchTermRepository searchTerms, PersonalData personalData,
            SearchIndex searchIndex) {
        this.users = users;
        this.identities = identities;
        this.sessions = sessions;
        this.customData = customData;
        this.searchTerms = searchTerms;
        this.personalData = personalData;
        this.searchIndex = searchIndex;
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
        // The row is the event's (or, when the event runs again, was made from it): no need to read it back. A new
        // identity has no terms to replace, and the same event gives the same terms again.
        searchTerms.add(event.userId(), event.identityId(),
                termsOf(event.userId(), event.identityId(), event.providerType(), event.subject(), event.profile()));
    }

    @EventHandler
    void on(IdentityProfileUpdated event) {
        identities.updateProfile(event.userId(), event.identityId(), event.profile(), event.updatedAt());
        indexSearchTerms(event.userId(), event.identityId());
    }

    @EventHandler
    void on(SessionIssued event) {
        users.recordLogin(event.userId(), event.issuedAt());
        sessions.insertIfUserExists(new SessionRow(event.sessionId(), event.userId(), event.identityId(),
                event.providerType(), event.deviceId(), event.client(), event.issuedAt(), event.expiresAt(),
                event.issuedAt(), null, null));
    }

    @EventHandler
    void on(SessionRevoked event) {
        sessions.revoke(event.sessionId(), event.reason(), event.revokedAt());
    }

    @EventHandler
    void on(SessionUsed event) {
        sessions.recordUse(event.sessionId(), event.usedAt());
    }

    @EventHandler
    void on(UserDisabled event) {
        users.changeState(event.userId(), UserState.DISABLED, event.disabledAt());
    }

    @EventHandler
    void on(UserEnabled event) {
        users.changeState(event.userId(), UserState.ACTIVE, event.enabledAt());
    }

    @EventHandler
    void on(CustomDataChanged event) {
        if (event.document() == null) {
            customData.delete(event.userId());
        } else {
            customData.replace(event.userId(), event.document(), event.changedAt());
        }
    }

    /** Identities, sessions, custom data and search terms go with the user's row (ON DELETE CASCADE). */
    @EventHandler
    void on(UserDeleted event) {
        // Explicitly rather than by the foreign keys' cascade: tables built by a rebuild have no foreign keys.
        searchTerms.deleteOf(event.userId());
        customData.delete(event.userId());
        sessions.deleteOf(event.userId());
        identities.deleteOf(event.userId());
        users.delete(event.userId());
    }

    /** Runs in the reset's transaction, before the tokens go back to the start of the event store. */
    @ResetHandler
    void reset() {
        searchTerms.deleteAll();
        customData.deleteAll();
        sessions.deleteAll();
        identities.deleteAll();
        users.deleteAll();
    }

    /**
     * Recomputes what one identity contributes to the search index from its row as it now is. A user whose key
     * is gone (deleted meanwhile) contributes nothing; a value that does not open is logged by user only and
     * skipped, since stopping the projection for it would stop every user's updates.
     */
    private void indexSearchTerms(UserId user, IdentityId identity) {
        identities.find(user, identity).ifPresent(row -> searchTerms.replace(user, identity,
                termsOf(user, identity, row.providerType(), row.subject(), row.profile())));
    }

    /** An identity without a profile, other than an e-mail address, has nothing to index: no key is read for it. */
    private Set<SearchTerm> termsOf(UserId user, IdentityId identity, ProviderType type, SealedData subject,
            SealedData sealedProfile) {
        return sealedProfile == null && type != ProviderType.EMAIL_PASSWORD ? Set.of()
                : personalData.keyOf(user).map(key -> {
                    try {
                        JsonNode profile = sealedProfile == null ? null : personalData.open(key, user, sealedProfile);
                        String emailSubject = type == ProviderType.EMAIL_PASSWORD
                                ? personalData.openText(key, user, subject) : null;
                        return searchIndex.termsOf(profile, emailSubject);
                    } catch (RuntimeException e) {
                        log.warn("Identity {} of user {} is not indexed for search: its sealed data does not open ({})",
                                identity, user, e.getClass().getSimpleName());
                        return Set.<SearchTerm>of();
                    }
                }).orElse(Set.of());
    }
}
