package dev.portico.command.function;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.UserId;
import java.util.List;

/**
 * The verified user a function runs for, as its endpoint receives it in {@code caller}: the user's id, its
 * identities and its custom data document (null without one), as the user's access token would show them.
 */
public record FunctionCaller(@JsonProperty("user_id") UserId userId, List<Identity> identities,
        @JsonProperty("custom_data") JsonNode customData) {
    public FunctionCaller {
        identities = List.copyOf(identities);
    }

    /** An identity as the profile shows it. */
    public record Identity(String id, @JsonProperty("provider_type") String providerType,
            @JsonProperty("provider_id") String providerId) {
    }
}
