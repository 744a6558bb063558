package dev.portico.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;

/**
 * A user as it was at an instant, rebuilt from its events recorded up to then (by each event's own time):
 * state, identities with their profiles, custom data and sessions. Personal data is opened, or erased once the
 * user is deleted. Events of kinds added later are listed in the history but change nothing here until they
 * are folded in below.
 */
@Component
public class PointInTime {
    /** How many of a user's events one answer reads at most; a user has far fewer in practice. */
    static final int MAX_EVENTS = 100_000;

    private final UserHistoryReader history;

    public PointInTime(UserHistoryReader history) {
        this.history = history;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record State(
            @JsonProperty("user_id") String userId,
            @JsonProperty("at") Instant at,
            @JsonProperty("app_id") String appId,
            @JsonProperty("type") String type,
            @JsonProperty("state") String state,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("identities") List<IdentityState> identities,
            @JsonProperty("custom_data") JsonNode customData,
            @JsonProperty("sessions") List<SessionState> sessions) {
    }

    public record IdentityState(
            @JsonProperty("id") String id,
            @JsonProperty("provider_type") String providerType,
            @JsonProperty("provider_id") String providerId,
            @JsonProperty("subject") JsonNode subject,
            @JsonProperty("profile") JsonNode profile,
            @JsonProperty("linked_at") Instant linkedAt) {
    }

    /** {@code state}: {@code active}, {@code expired} or {@code revoked} (with {@code revoked_reason}) at the instant. */
    public record SessionState(
            @JsonProperty("id") String id,
            @JsonProperty("identity_id") String identityId,
            @JsonProperty("provider_type") String providerType,
            @JsonProperty("device_id") String deviceId,
            @JsonProperty("client") JsonNode client,
            @JsonProperty("issued_at") Instant issuedAt,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("state") String state,
            @JsonProperty("revoked_reason") String revokedReason) {
    }

    /** @return empty when the user did not exist yet at {@code at} (or never did) */
    public Optional<State> at(UserId user, Instant at) {
        Optional<SecretKey> key = history.keyOf(user);
        Fold fold = new Fold(user, key, at);
        history.events(user, 0, MAX_EVENTS).stream()
                .map(UserHistoryReader.Read::message)
                .filter(message -> !message.getTimestamp().isAfter(at))
                .forEach(message -> fold.apply(message.getPayload()));
        return fold.state();
    }

    private final class Fold {
        private final UserId user;
        private final Optional<SecretKey> key;
        private final Instant at;
        private UserRegistered registered;
        private String state;
        private JsonNode customData;
        private final Map<String, IdentityState> identities = new LinkedHashMap<>();
        private final Map<String, SessionState> sessions = new LinkedHashMap<>();

        Fold(UserId user, Optional<SecretKey> key, Instant at) {
            this.user = user;
            this.key = key;
            this.at = at;
        }

        void apply(Object event) {
            if (event instanceof UserRegistered e) {
                registered = e;
                state = "active";
            } else if (event instanceof UserDisabled) {
                state = "disabled";
            } else if (event instanceof UserEnabled) {
                state = "active";
            } else if (event instanceof UserDeleted) {
                state = "deleted";
                sessions.replaceAll((id, s) -> s.state().equals("active") ? revoked(s, "user_deleted") : s);
            } else if (event instanceof CustomDataChanged e) {
                customData = e.document() == null ? null : history.open(user, key, e.document());
            } else if (event instanceof IdentityLinked e) {
                identities.put(e.identityId().value(), new IdentityState(e.identityId().value(),
                        e.providerType().wireName(), e.providerId(), history.openText(user, key, e.subject()),
                        e.profile() == null ? null : history.open(user, key, e.profile()), e.linkedAt()));
            } else if (event instanceof IdentityProfileUpdated e) {
                identities.computeIfPresent(e.identityId().value(), (id, i) -> new IdentityState(i.id(),
                        i.providerType(), i.providerId(), i.subject(),
                        e.profile() == null ? null : history.open(user, key, e.profile()), i.linkedAt()));
            } else if (event instanceof SessionIssued e) {
                sessions.put(e.sessionId().value(), new SessionState(e.sessionId().value(), e.identityId().value(),
                        e.providerType().wireName(), e.deviceId().value(),
                        e.client() == null ? null : history.open(user, key, e.client()), e.issuedAt(), e.expiresAt(),
                        "active", null));
            } else if (event instanceof SessionRevoked e) {
                sessions.computeIfPresent(e.sessionId().value(),
                        (id, s) -> revoked(s, e.reason().name().toLowerCase(Locale.ROOT)));
            }
            // API keys, and kinds added later, do not change this view.
        }

        private SessionState revoked(SessionState s, String reason) {
            return new SessionState(s.id(), s.identityId(), s.providerType(), s.deviceId(), s.client(), s.issuedAt(),
                    s.expiresAt(), "revoked", reason);
        }

        Optional<State> state() {
            if (registered == null) {
                return Optional.empty();
            }
            List<SessionState> sessionStates = new ArrayList<>();
            for (SessionState s : sessions.values()) {
                sessionStates.add(s.state().equals("active") && !s.expiresAt().isAfter(at)
                        ? new SessionState(s.id(), s.identityId(), s.providerType(), s.deviceId(), s.client(),
                                s.issuedAt(), s.expiresAt(), "expired", null)
                        : s);
            }
            return Optional.of(new State(user.value(), at, registered.appId().value(),
                    registered.type().name().toLowerCase(Locale.ROOT), state, registered.registeredAt(),
                    List.copyOf(identities.values()), customData, sessionStates));
        }
    }
}
