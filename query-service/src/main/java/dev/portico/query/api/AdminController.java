package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.query.projection.ReadModelRebuild;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** For operators: rebuild every read model from the event store while the read API keeps answering. */
@RestController
@RequestMapping(path = "/api/v1/admin/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminController {
    private final ReadModelRebuild rebuild;

    public AdminController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /**
     * {@code state}: idle, building, switching, done or failed. {@code differences}: per table, the rows in which
     * the rebuilt table and the live one it replaced differed (0 everywhere when the live one was right).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RebuildResponse(
            @JsonProperty("state") String state,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("events_applied") long eventsApplied,
            @JsonProperty("position") long position,
            @JsonProperty("head") long head,
            @JsonProperty("events_per_second") long eventsPerSecond,
            @JsonProperty("differences") Map<String, Long> differences,
            @JsonProperty("failure") String failure) {

        static RebuildResponse of(ReadModelRebuild.Status status) {
            return new RebuildResponse(status.state(), status.startedAt(), status.finishedAt(), status.eventsApplied(),
                    status.position(), status.headIndex(), Math.round(status.eventsPerSecond()), status.differences(),
                    status.failure() == null ? null : "the rebuild failed; see the service's log");
        }
    }

    @GetMapping
    public RebuildResponse status() {
        return RebuildResponse.of(rebuild.status());
    }

    @PostMapping
    public ResponseEntity<RebuildResponse> start() {
        if (!rebuild.start()) {
            throw new ApiError(HttpStatus.CONFLICT, ErrorCode.REBUILD_RUNNING, "a rebuild is already running");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(RebuildResponse.of(rebuild.status()));
    }
}
