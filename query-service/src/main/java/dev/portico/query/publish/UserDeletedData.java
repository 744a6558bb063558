package dev.portico.query.publish;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The data of {@code dev.portico.user.deleted}; {@code reason} is the lower-case deletion reason. */
public record UserDeletedData(
        @JsonProperty("user_id") String userId,
        @JsonProperty("app_id") String appId,
        @JsonProperty("reason") String reason,
        @JsonProperty("deleted_at") String deletedAt) {
}
