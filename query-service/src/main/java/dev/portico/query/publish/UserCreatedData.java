package dev.portico.query.publish;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The data of {@code dev.portico.user.created}. No personal data: Kafka keeps what it is given and cannot
 * crypto-shred it later, so only ids, the user type and the kinds of login provider go out.
 *
 * @param providerTypes the wire names of the providers of the identities the user was registered with
 */
public record UserCreatedData(
        @JsonProperty("user_id") String userId,
        @JsonProperty("app_id") String appId,
        @JsonProperty("type") String type,
        @JsonProperty("provider_types") List<String> providerTypes,
        @JsonProperty("created_at") String createdAt) {
}
