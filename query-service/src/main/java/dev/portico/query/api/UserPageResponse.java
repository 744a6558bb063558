package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of the user listing; {@code next_cursor} fetches the next page, null on the last one. */
public record UserPageResponse(
        @JsonProperty("users") List<UserResponse> users,
        @JsonProperty("next_cursor") String nextCursor) {
}
