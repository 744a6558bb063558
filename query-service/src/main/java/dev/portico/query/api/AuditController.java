package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.query.history.ChainVerification;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Checks the hash chains of users' events against the event store: one user's, or every one. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {
    private final ChainVerification verification;

    public AuditController(ChainVerification verification) {
        this.verification = verification;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChainReport(
            @JsonProperty("intact") boolean intact,
            @JsonProperty("checked_events") long checkedEvents,
            @JsonProperty("first_break") BreakReport firstBreak) {
    }

    public record BreakReport(
            @JsonProperty("user_id") String userId,
            @JsonProperty("position") long position,
            @JsonProperty("global_index") long globalIndex,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("problem") String problem) {
    }

    @GetMapping("/chain")
    public ChainReport chain(@RequestParam(name = "user", required = false) String user) {
        ChainVerification.Report report;
        if (user == null) {
            report = verification.verifyAll();
        } else {
            report = verification.verify(Parameters.userId(user));
            if (report.checkedEvents() == 0) {
                throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.USER_NOT_FOUND, "user " + user + " has no history");
            }
        }
        var first = report.firstBreak();
        return new ChainReport(report.intact(), report.checkedEvents(), first == null ? null
                : new BreakReport(first.userId(), first.position(), first.globalIndex(), first.eventIdentifier(),
                        first.problem().name().toLowerCase(Locale.ROOT)));
    }
}
