package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of the user listing; {@code size} is the page size actually used, {@code total} counts all pages. */
public record UserPageResponse(
        @JsonProperty("users") List<UserResponse> users,
        @JsonProperty("page") int page,
        @JsonProperty("size") int size,
        @JsonProperty("total") long total) {
}
