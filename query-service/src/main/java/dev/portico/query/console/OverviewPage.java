package dev.portico.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.AppId;
import dev.portico.query.api.ListingParameters;
import dev.portico.query.query.ActivityView;
import dev.portico.query.query.FindActivity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overview: for one app, sessions issued per provider over the last hour (per minute) or day (per hour) and
 * its users by state, from the read models; failed logins as the command-service counts them; this instance's
 * projection lag and outbox backlog, from its own metrics.
 */
@Controller
class OverviewPage {
    private final QueryGateway queries;
    private final CommandService commands;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    OverviewPage(QueryGateway queries, CommandService commands, MeterRegistry meters) {
        this.queries = queries;
        this.commands = commands;
        this.meters = meters;
    }

    /** A projection lag's recent figures, in milliseconds. */
    record Lag(String target, long count, double meanMillis, double maxMillis) {
    }

    @GetMapping("/console")
    String overview(@RequestParam(name = "app_id", required = false) String appId,
            @RequestParam(name = "range", required = false) String range,
            @AuthenticationPrincipal ConsoleOperator operator, Model model) {
        boolean hour = "hour".equals(range);
        model.addAttribute("range", hour ? "hour" : "day");
        AppId app = appId == null || appId.isBlank() ? null : ListingParameters.app(appId.trim());
        model.addAttribute("appId", app == null ? null : app.value());
        if (app != null && operator.may(dev.portico.query.api.Scopes.USERS_READ)) {
            Duration bucket = hour ? Duration.ofMinutes(1) : Duration.ofHours(1);
            int buckets = hour ? 60 : 24;
            Instant from = clock.instant().minus(bucket.multipliedBy(buckets - 1L));
            ActivityView activity = queries.query(new FindActivity(app, from.truncatedTo(
                    hour ? java.time.temporal.ChronoUnit.MINUTES : java.time.temporal.ChronoUnit.HOURS), bucket),
                    ResponseTypes.instanceOf(ActivityView.class)).join();
            model.addAttribute("chart", ActivityChart.of(activity, from, bucket, buckets));
            model.addAttribute("usersByState", activity.usersByState());
        }
        if (operator.may(dev.portico.query.api.Scopes.ADMIN)) {
            try {
                model.addAttribute("logins", failedLogins(commands.get(operator, "/logins",
                        Map.of("app_id", app == null ? "" : app.value()))));
            } catch (ConsoleActionFailed e) {
                model.addAttribute("loginsProblem", e.getMessage());
            }
        }
        Gauge backlog = meters.find("portico.outbox.backlog").gauge();
        model.addAttribute("outboxBacklog", backlog == null ? null : Math.round(backlog.value()));
        List<Lag> lags = new ArrayList<>();
        for (Timer timer : meters.find("portico.projection.lag").timers()) {
            lags.add(new Lag(timer.getId().getTag("target"), timer.count(), timer.mean(TimeUnit.MILLISECONDS),
                    timer.max(TimeUnit.MILLISECONDS)));
        }
        model.addAttribute("lags", lags);
        return "console/overview";
    }

    /** Counted by the command-service instance that answered, since it started. */
    record FailedLogins(String since, List<FailedLogin> lines) {
    }

    record FailedLogin(String provider, String outcome, long count) {
    }

    private static FailedLogins failedLogins(JsonNode answer) {
        List<FailedLogin> lines = new ArrayList<>();
        for (JsonNode line : answer.path("logins")) {
            if (!line.path("outcome").asText().equals("success")) {
                lines.add(new FailedLogin(line.path("provider").asText(), line.path("outcome").asText(),
                        line.path("count").asLong()));
            }
        }
        return new FailedLogins(answer.path("since").asText(), lines);
    }
}
