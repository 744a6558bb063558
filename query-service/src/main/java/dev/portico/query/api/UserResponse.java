package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.query.query.IdentityView;
import dev.portico.query.query.UserView;
import java.util.List;
import java.util.Locale;

/** A user on the wire; times are ISO-8601 instants, {@code last_login_at} is null before the first login. */
public record UserResponse(
        @JsonProperty("id") String id,
        @JsonProperty("app_id") String appId,
        @JsonProperty("type") String type,
        @JsonProperty("state") String state,
        @JsonProperty("identities") List<IdentityResponse> identities,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("last_login_at") @JsonInclude(JsonInclude.Include.ALWAYS) String lastLoginAt) {

    public static UserResponse of(UserView user) {
        return new UserResponse(user.id().value(), user.appId().value(),
                user.type().name().toLowerCase(Locale.ROOT), user.state().wireName(),
                user.identities().stream().map(IdentityResponse::of).toList(),
                user.createdAt().toString(),
                user.lastLoginAt() == null ? null : user.lastLoginAt().toString());
    }

    /**
     * @param id the identity's opaque id; the provider's id of the person (its subject) is personal data and is
     * not served here
     */
    public record IdentityResponse(
            @JsonProperty("provider_type") String providerType,
            @JsonProperty("provider_id") String providerId,
            @JsonProperty("id") String id) {

        static IdentityResponse of(IdentityView identity) {
            return new IdentityResponse(identity.providerType().wireName(), identity.providerId(),
                    identity.identityId().value());
        }
    }
}
