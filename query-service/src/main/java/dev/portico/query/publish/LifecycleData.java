package dev.portico.query.publish;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of the lifecycle messages added after the first two ({@link UserCreatedData}, {@link UserDeletedData}):
 * ids, provider names and times only. {@code app_id} is null only if the user's app is not known here.
 */
final class LifecycleData {
    private LifecycleData() {
    }

    record IdentityLinkedData(
            @JsonProperty("user_id") String userId,
            @JsonProperty("app_id") String appId,
            @JsonProperty("identity_id") String identityId,
            @JsonProperty("provider_type") String providerType,
            @JsonProperty("provider_id") String providerId,
            @JsonProperty("linked_at") String linkedAt) {
    }

    record UserDisabledData(
            @JsonProperty("user_id") String userId,
            @JsonProperty("app_id") String appId,
            @JsonProperty("disabled_at") String disabledAt) {
    }

    record UserEnabledData(
            @JsonProperty("user_id") String userId,
            @JsonProperty("app_id") String appId,
            @JsonProperty("enabled_at") String enabledAt) {
    }

    record CustomDataChangedData(
            @JsonProperty("user_id") String userId,
            @JsonProperty("app_id") String appId,
            @JsonProperty("deleted") boolean deleted,
            @JsonProperty("changed_at") String changedAt) {
    }
}
