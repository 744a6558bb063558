package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.events.UserId;
import dev.portico.query.history.PointInTime;
import dev.portico.query.history.UserHistoryReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For auditors: a user's whole history from the event store, and the user as it was at an instant. Deleted
 * users are served too, their personal data marked erased.
 */
@RestController
@RequestMapping(path = "/api/v1/users/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
public class HistoryController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final UserHistoryReader history;
    private final PointInTime pointInTime;

    public HistoryController(UserHistoryReader history, PointInTime pointInTime) {
        this.history = history;
        this.pointInTime = pointInTime;
    }

    /** {@code next_cursor} is null on the last page. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryPage(
            @JsonProperty("user_id") String userId,
            @JsonProperty("events") List<UserHistoryReader.Entry> events,
            @JsonProperty("next_cursor") String nextCursor) {
    }

    @GetMapping("/history")
    public HistoryPage history(@PathVariable("id") String id,
            @RequestParam(name = "cursor", required = false) String cursor,
            @RequestParam(name = "limit", required = false) String limit) {
        UserId user = Parameters.userId(id);
        long from = cursor == null ? 0 : Parameters.position(cursor);
        int size = limit == null ? DEFAULT_LIMIT : Parameters.limit(limit, MAX_LIMIT);
        UserHistoryReader.Page page = history.page(user, from, size).orElseThrow(() -> notFound(user));
        return new HistoryPage(user.value(), page.entries(), page.next() == null ? null : page.next().toString());
    }

    @GetMapping("/state")
    public PointInTime.State state(@PathVariable("id") String id, @RequestParam(name = "at") String at) {
        UserId user = Parameters.userId(id);
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter("at must be an ISO-8601 instant, e.g. 2026-03-01T12:00:00Z");
        }
        return pointInTime.at(user, instant).orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND,
                ErrorCode.USER_NOT_FOUND, "user " + user + " did not exist at " + instant));
    }

    private static ApiError notFound(UserId user) {
        return new ApiError(HttpStatus.NOT_FOUND, ErrorCode.USER_NOT_FOUND, "user " + user + " has no history");
    }
}
