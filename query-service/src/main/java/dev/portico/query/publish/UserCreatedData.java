package dev.portico.query.publish;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of {@code dev.portico.user.created}. No personal data: Kafka keeps what it is given and cannot
 * crypto-shred it later, so only ids and the user type go out. The user's identities are in the read API.
 */
public record UserCreatedData(
        @JsonProperty("user_id") String userId,
        @JsonProperty("app_id") String appId,
        @JsonProperty("type") String type,
        @JsonProperty("created_at") String createdAt) {
}
