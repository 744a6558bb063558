package dev.portico.query.support;

import dev.portico.events.AppId;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.UserId;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.session.SessionUsed;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * The events of one user as command-service writes them: the user's own stream with consecutive sequence
 * numbers (registration and first identity together at one instant), and a stream of its own per session.
 */
public final class UserHistory {
    private static final SealedData SEALED = new SealedData("a1.k1.c2VhbGVk");

    /** An identity as the events name it; what it stands for stays sealed. */
    public record Identity(IdentityId id, ProviderType providerType, String providerId) {
        public static Identity of(ProviderType type, String providerId) {
            return new Identity(new IdentityId(UUID.randomUUID().toString().replace("-", "")), type, providerId);
        }
    }

    /** PostgreSQL keeps microseconds; events made with coarser instants compare equal after a round trip. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private final UserId userId = UserId.generate();
    private final AppId appId;
    private long sequence;

    public UserHistory(AppId appId) {
        this.appId = appId;
    }

    public static AppId newApp() {
        return new AppId("app-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static Identity anonymous() {
        return Identity.of(ProviderType.ANONYMOUS, "anon-user");
    }

    public UserId userId() {
        return userId;
    }

    public AppId appId() {
        return appId;
    }

    public List<DomainEventMessage<?>> register(UserType type, Identity identity, Instant at) {
        return List.of(next(new UserRegistered(userId, appId, type, at)),
                next(linked(identity, SEALED, at)));
    }

    public List<DomainEventMessage<?>> register(Instant at) {
        return register(UserType.NORMAL, anonymous(), at);
    }

    public DomainEventMessage<?> link(Identity identity, Instant at) {
        return next(linked(identity, null, at));
    }

    private IdentityLinked linked(Identity identity, SealedData profile, Instant at) {
        return new IdentityLinked(userId, appId, identity.id(), identity.providerType(), identity.providerId(), SEALED,
                profile, at);
    }

    /** Registration with real sealed data (see {@link KeyStore}): the identity's subject and profile. */
    public List<DomainEventMessage<?>> register(Identity identity, SealedData subject, SealedData profile, Instant at) {
        return List.of(next(new UserRegistered(userId, appId, UserType.NORMAL, at)),
                next(new IdentityLinked(userId, appId, identity.id(), identity.providerType(), identity.providerId(),
                        subject, profile, at)));
    }

    public DomainEventMessage<?> link(Identity identity, SealedData subject, SealedData profile, Instant at) {
        return next(new IdentityLinked(userId, appId, identity.id(), identity.providerType(), identity.providerId(),
                subject, profile, at));
    }

    public DomainEventMessage<?> updateProfile(Identity identity, SealedData profile, Instant at) {
        return next(new IdentityProfileUpdated(userId, identity.id(), profile, at));
    }

    public DomainEventMessage<?> login(Identity identity, Instant at) {
        return login(identity, SEALED, at);
    }

    /** A session of its own stream; {@code client} is the sealed device details (null: none). */
    public DomainEventMessage<?> login(Identity identity, SealedData client, Instant at) {
        SessionId session = SessionId.generate();
        return new GenericDomainEventMessage<>("Session", session.value(), 0, new SessionIssued(session, userId, appId,
                identity.id(), identity.providerType(), DeviceId.NONE, "0".repeat(64), client, at, at.plusSeconds(3600)));
    }

    public DomainEventMessage<?> revoke(SessionId session, RevocationReason reason, Instant at) {
        return new GenericDomainEventMessage<>("Session", session.value(), 1,
                new SessionRevoked(session, userId, reason, at));
    }

    /** The session's {@code sequence}-th event (its issue is the 0th): a recorded use. */
    public DomainEventMessage<?> use(SessionId session, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Session", session.value(), sequence, new SessionUsed(session, userId, at));
    }

    public DomainEventMessage<?> disable(Instant at) {
        return next(new UserDisabled(userId, at));
    }

    public DomainEventMessage<?> enable(Instant at) {
        return next(new UserEnabled(userId, at));
    }

    /** {@code document} null: the custom data was deleted. */
    public DomainEventMessage<?> customData(SealedData document, Instant at) {
        return next(new CustomDataChanged(userId, document, at));
    }

    public DomainEventMessage<?> delete(DeletionReason reason, Instant at) {
        return next(new UserDeleted(userId, appId, reason, at));
    }

    /**
     * Any event of the user's own stream, recorded at {@code at}, with metadata (actor, request id, sealed client)
     * as auditing adds it.
     */
    public DomainEventMessage<?> record(Object payload, Map<String, ?> metadata, Instant at) {
        return new GenericDomainEventMessage<>("User", userId.value(), sequence++, payload, metadata,
                UUID.randomUUID().toString(), at);
    }

    /** An event of a session's own stream, recorded at {@code at}. */
    public static DomainEventMessage<?> inSession(SessionId session, long sequence, Object payload,
            Map<String, ?> metadata, Instant at) {
        return new GenericDomainEventMessage<>("Session", session.value(), sequence, payload, metadata,
                UUID.randomUUID().toString(), at);
    }

    private DomainEventMessage<?> next(Object payload) {
        return new GenericDomainEventMessage<>("User", userId.value(), sequence++, payload);
    }
}
