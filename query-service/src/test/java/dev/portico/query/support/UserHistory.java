package dev.portico.query.support;

import dev.portico.events.AppId;
import dev.portico.events.DeletionReason;
import dev.portico.events.DeviceId;
import dev.portico.events.Identity;
import dev.portico.events.IdentityLinked;
import dev.portico.events.ProviderType;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.SessionIssued;
import dev.portico.events.UserDeleted;
import dev.portico.events.UserId;
import dev.portico.events.UserRegistered;
import dev.portico.events.UserType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * The events of one user as command-service's User aggregate writes them: one aggregate stream with
 * consecutive sequence numbers, registration and first identity together at one instant.
 */
public final class UserHistory {
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
        return new Identity(ProviderType.ANONYMOUS, "anon-user", UUID.randomUUID().toString());
    }

    public UserId userId() {
        return userId;
    }

    public AppId appId() {
        return appId;
    }

    public List<DomainEventMessage<?>> register(UserType type, Identity identity, Instant at) {
        return List.of(next(new UserRegistered(userId, appId, type, at)),
                next(new IdentityLinked(userId, appId, identity, new SealedData("c2VhbGVk"), at)));
    }

    public List<DomainEventMessage<?>> register(Instant at) {
        return register(UserType.NORMAL, anonymous(), at);
    }

    public DomainEventMessage<?> link(Identity identity, Instant at) {
        return next(new IdentityLinked(userId, appId, identity, null, at));
    }

    public DomainEventMessage<?> login(Identity identity, Instant at) {
        return next(new SessionIssued(userId, appId, SessionId.generate(), identity, DeviceId.NONE,
                "0".repeat(64), new SealedData("c2VhbGVk"), at, at.plusSeconds(3600)));
    }

    public DomainEventMessage<?> delete(DeletionReason reason, Instant at) {
        return next(new UserDeleted(userId, appId, reason, at));
    }

    private DomainEventMessage<?> next(Object payload) {
        return new GenericDomainEventMessage<>("User", userId.value(), sequence++, payload);
    }
}
