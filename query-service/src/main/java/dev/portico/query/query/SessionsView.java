package dev.portico.query.query;

import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.RevocationReason;
import java.time.Instant;
import java.util.List;

/** The sessions of one user. */
public record SessionsView(List<Session> sessions) {
    public SessionsView {
        sessions = List.copyOf(sessions);
    }

    /**
     * One session; the device details are what the SDK said at login (null when it said nothing or the data is
     * erased); {@code lastUsedAt} is the login or the last recorded refresh (recorded at most hourly by
     * default); {@code revokedAt} and {@code reason} are null while it is open.
     */
    public record Session(SessionId id, IdentityId identityId, ProviderType providerType, DeviceId deviceId,
            String platform, String platformVersion, String sdkVersion, String appVersion, Instant issuedAt,
            Instant expiresAt, Instant lastUsedAt, Instant revokedAt, RevocationReason reason) {
    }
}
