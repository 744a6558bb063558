package dev.portico.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.UserId;
import dev.portico.query.api.ApiError;
import dev.portico.query.api.ErrorCode;
import dev.portico.query.api.Parameters;
import dev.portico.query.history.ChainVerification;
import dev.portico.query.history.PointInTime;
import dev.portico.query.history.UserHistoryReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * For auditors (scope history:read): a user's timeline with actor and request context, personal data opened
 * or marked erased; the user as it was at an instant; the hash chain's verification. The same readers as the
 * read API's history endpoints.
 */
@Controller
class HistoryPages {
    static final int PAGE_SIZE = 50;

    private final UserHistoryReader history;
    private final PointInTime pointInTime;
    private final ChainVerification chain;

    HistoryPages(UserHistoryReader history, PointInTime pointInTime, ChainVerification chain) {
        this.history = history;
        this.pointInTime = pointInTime;
        this.chain = chain;
    }

    /** One event as the timeline shows it. */
    record Line(UserHistoryReader.Entry entry, boolean erased) {
    }

    @GetMapping("/console/history")
    String find(@RequestParam(name = "user", required = false) String user) {
        if (user != null && !user.isBlank()) {
            return "redirect:/console/history/" + Parameters.userId(user.trim());
        }
        return "console/history-find";
    }

    @GetMapping("/console/history/{id}")
    String timeline(@PathVariable String id, @RequestParam(name = "cursor", required = false) String cursor,
            Model model) {
        UserId user = Parameters.userId(id);
        long from = cursor == null ? 0 : Parameters.position(cursor);
        UserHistoryReader.Page page = history.page(user, from, PAGE_SIZE).orElseThrow(
                () -> new ApiError(HttpStatus.NOT_FOUND, ErrorCode.USER_NOT_FOUND, "user " + user + " has no history"));
        model.addAttribute("userId", user.value());
        model.addAttribute("lines", page.entries().stream()
                .map(entry -> new Line(entry, erased(entry.payload()) || erased(entry.request().client()))).toList());
        model.addAttribute("next", page.next());
        return "console/history";
    }

    @GetMapping("/console/history/{id}/state")
    String state(@PathVariable String id, @RequestParam(name = "at") String at, Model model) {
        UserId user = Parameters.userId(id);
        Instant instant;
        try {
            instant = Instant.parse(UserPages.instant(at.trim()));
        } catch (DateTimeParseException e) {
            throw ApiError.invalidParameter("the instant must be a date and time, e.g. 2026-03-01T12:00:00Z");
        }
        model.addAttribute("userId", user.value());
        model.addAttribute("at", instant);
        model.addAttribute("state", pointInTime.at(user, instant).orElse(null));
        return "console/state";
    }

    @GetMapping("/console/chain")
    String verify(@RequestParam(name = "user", required = false) String user, Model model) {
        if (user == null || user.isBlank()) {
            model.addAttribute("report", chain.verifyAll());
        } else {
            UserId id = Parameters.userId(user.trim());
            ChainVerification.Report report = chain.verify(id);
            if (report.checkedEvents() == 0) {
                throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.USER_NOT_FOUND, "user " + id + " has no history");
            }
            model.addAttribute("userId", id.value());
            model.addAttribute("report", report);
        }
        return "console/chain";
    }

    /** Whether the history reader marked any of the value's personal data erased. */
    static boolean erased(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isObject() && value.size() == 1 && value.path("erased").asBoolean(false)) {
            return true;
        }
        for (JsonNode child : value) {
            if (erased(child)) {
                return true;
            }
        }
        return false;
    }
}
