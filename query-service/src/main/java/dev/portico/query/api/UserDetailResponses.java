package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.query.query.CustomDataView;
import dev.portico.query.query.IdentityView;
import dev.portico.query.query.ProfileView;
import dev.portico.query.query.SessionsView;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The wire forms of a user's profile, identities, sessions and custom data. */
final class UserDetailResponses {
    private UserDetailResponses() {
    }

    /**
     * @param data   the providers' metadata, merged: the first identity linked that names a field wins
     * @param erased true when the user's personal data can no longer be read; {@code data} is empty then
     */
    record ProfileResponse(@JsonProperty("user_id") String userId, @JsonProperty("type") String type,
            @JsonProperty("identities") List<IdentityResponse> identities, @JsonProperty("data") ObjectNode data,
            @JsonProperty("erased") boolean erased) {
        static ProfileResponse of(ProfileView profile) {
            return new ProfileResponse(profile.userId().value(), profile.type().name().toLowerCase(Locale.ROOT),
                    profile.identities().stream().map(IdentityResponse::of).toList(), profile.data(),
                    profile.erased());
        }
    }

    /** @param id the identity's opaque id (the provider's id of the person is personal data, not served) */
    record IdentityResponse(@JsonProperty("id") String id, @JsonProperty("provider_type") String providerType,
            @JsonProperty("provider_id") String providerId, @JsonProperty("linked_at") String linkedAt) {
        static IdentityResponse of(IdentityView identity) {
            return new IdentityResponse(identity.identityId().value(), identity.providerType().wireName(),
                    identity.providerId(), instant(identity.linkedAt()));
        }
    }

    record IdentitiesResponse(@JsonProperty("identities") List<IdentityResponse> identities) {
    }

    /** The user's latest sessions (at most 100), newest first. */
    record SessionsResponse(@JsonProperty("sessions") List<SessionResponse> sessions) {
        static SessionsResponse of(SessionsView sessions) {
            return new SessionsResponse(sessions.sessions().stream().map(SessionResponse::of).toList());
        }
    }

    /**
     * @param platform          what the SDK said at login ({@code platform}, {@code platformVersion},
     *                          {@code sdkVersion}, {@code appVersion}); null when it said nothing
     * @param lastUsedAt        the login or the last refresh recorded (at most once an interval per session, an
     *                          hour by default)
     * @param revocationReason  {@code LOGGED_OUT}, {@code REVOKED} or {@code USER_DISABLED}; null while open
     */
    record SessionResponse(@JsonProperty("id") String id, @JsonProperty("identity_id") String identityId,
            @JsonProperty("provider_type") String providerType, @JsonProperty("device_id") String deviceId,
            @JsonProperty("platform") String platform, @JsonProperty("platform_version") String platformVersion,
            @JsonProperty("sdk_version") String sdkVersion, @JsonProperty("app_version") String appVersion,
            @JsonProperty("issued_at") String issuedAt, @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("last_used_at") String lastUsedAt, @JsonProperty("revoked_at") String revokedAt,
            @JsonProperty("revocation_reason") String revocationReason) {
        static SessionResponse of(SessionsView.Session s) {
            return new SessionResponse(s.id().value(), s.identityId().value(), s.providerType().wireName(),
                    s.deviceId().value(), s.platform(), s.platformVersion(), s.sdkVersion(), s.appVersion(),
                    instant(s.issuedAt()), instant(s.expiresAt()), instant(s.lastUsedAt()), instant(s.revokedAt()),
                    s.reason() == null ? null : s.reason().name());
        }
    }

    /** @param document the custom data document; null (and {@code changed_at} null) when the user has none */
    record CustomDataResponse(@JsonProperty("user_id") String userId, @JsonProperty("document") JsonNode document,
            @JsonProperty("changed_at") String changedAt) {
        static CustomDataResponse of(String userId, CustomDataView view) {
            return new CustomDataResponse(userId, view.document(), instant(view.changedAt()));
        }
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
