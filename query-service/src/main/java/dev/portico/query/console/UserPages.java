package dev.portico.query.console;

import dev.portico.events.UserId;
import dev.portico.query.api.ApiError;
import dev.portico.query.api.Cursors;
import dev.portico.query.api.ListingParameters;
import dev.portico.query.api.Parameters;
import dev.portico.query.api.Scopes;
import dev.portico.query.query.CustomDataView;
import dev.portico.query.query.FindCustomData;
import dev.portico.query.query.FindProfile;
import dev.portico.query.query.FindSessions;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.FindUsers;
import dev.portico.query.query.ProfileView;
import dev.portico.query.query.SessionsView;
import dev.portico.query.query.UserPage;
import dev.portico.query.query.UserView;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users: the listing with the read API's filters and cursor, a user's page, and the operator's actions on a
 * user. Reads go through the read API's queries, each part only with the scope the read API asks for it;
 * changes go to the command-service's operator API as the signed-in operator.
 */
@Controller
@RequestMapping("/console/users")
class UserPages {
    private final QueryGateway queries;
    private final CommandService commands;

    UserPages(QueryGateway queries, CommandService commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @GetMapping
    String list(@RequestParam Map<String, String> parameters, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : new String[] {"app_id", "provider_type", "state", "email", "created_from", "created_before"}) {
            String value = parameters.get(name);
            filters.put(name, value == null || value.isBlank() ? null : value.trim());
        }
        model.addAttribute("filters", filters);
        String cursor = blankToNull(parameters.get("cursor"));
        FindUsers query = ListingParameters.parse(filters.get("app_id"), filters.get("provider_type"),
                filters.get("state"), filters.get("email"), null, instant(filters.get("created_from")),
                instant(filters.get("created_before")), "created_desc", "25", cursor);
        UserPage page = queries.query(query, ResponseTypes.instanceOf(UserPage.class)).join();
        model.addAttribute("users", page.users());
        model.addAttribute("next", page.next() == null ? null : Cursors.encode(query.order(), page.next()));
        return "console/users";
    }

    @GetMapping("/{id}")
    String user(@PathVariable String id, @AuthenticationPrincipal ConsoleOperator operator, Model model) {
        UserId user = Parameters.userId(id);
        model.addAttribute("user", find(user));
        if (operator.may(Scopes.PROFILES_READ)) {
            model.addAttribute("profile", query(new FindProfile(user), ProfileView.class).orElse(null));
        }
        if (operator.may(Scopes.SESSIONS_READ)) {
            model.addAttribute("sessions", query(new FindSessions(user), SessionsView.class)
                    .map(SessionsView::sessions).orElse(java.util.List.of()).stream().map(SessionLine::of).toList());
        }
        if (operator.may(Scopes.CUSTOM_DATA_READ)) {
            model.addAttribute("customData", query(new FindCustomData(user), CustomDataView.class).orElse(null));
        }
        return "console/user";
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable String id, @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        UserView user = find(Parameters.userId(id));
        var answer = commands.post(operator, "/apps/{app}/users/{user}/disable", null, user.appId().value(), id);
        waitFor(answer, flash);
        flash.addFlashAttribute("done", answer.body().path("changed").asBoolean()
                ? "User " + id + " is disabled; " + answer.body().path("sessions_ended").asInt() + " session(s) ended."
                : "User " + id + " was already disabled; nothing changed.");
        return "redirect:/console/users/" + id;
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable String id, @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        UserView user = find(Parameters.userId(id));
        var answer = commands.post(operator, "/apps/{app}/users/{user}/enable", null, user.appId().value(), id);
        waitFor(answer, flash);
        flash.addFlashAttribute("done", answer.body().path("changed").asBoolean()
                ? "User " + id + " is enabled; it may log in again."
                : "User " + id + " was already enabled; nothing changed.");
        return "redirect:/console/users/" + id;
    }

    @PostMapping("/{id}/revoke-sessions")
    String revokeSessions(@PathVariable String id, @AuthenticationPrincipal ConsoleOperator operator,
            RedirectAttributes flash) {
        UserView user = find(Parameters.userId(id));
        var answer = commands.delete(operator, "/apps/{app}/users/{user}/sessions", user.appId().value(), id);
        waitFor(answer, flash);
        flash.addFlashAttribute("done", answer.body().path("sessions_ended").asInt() + " session(s) of user " + id
                + " ended; it may log in again.");
        return "redirect:/console/users/" + id;
    }

    /** Deleting cannot be undone: first a page that names the user and asks. */
    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        model.addAttribute("user", find(Parameters.userId(id)));
        return "console/confirm-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        UserView user = find(Parameters.userId(id));
        waitFor(commands.delete(operator, "/apps/{app}/users/{user}", user.appId().value(), id), flash);
        flash.addFlashAttribute("done", "User " + id + " of app " + user.appId().value()
                + " is deleted; its personal data is erased.");
        return "redirect:/console/users";
    }

    /** A session as the user's page shows it. */
    record SessionLine(Instant issuedAt, String provider, String device, String platform, Object lastUsedAt,
            String ended) {
        static SessionLine of(SessionsView.Session session) {
            String platform = session.platform() == null ? null
                    : session.platform() + (session.platformVersion() == null ? "" : " " + session.platformVersion());
            return new SessionLine(session.issuedAt(), session.providerType().wireName(),
                    session.deviceId() == null ? null : session.deviceId().value(), platform, lastUse(session),
                    session.revokedAt() == null ? null
                            : session.revokedAt() + " (" + session.reason().name().toLowerCase(Locale.ROOT) + ")");
        }

        /** The read model records the last use of a session only in later versions; shown when it is there. */
        private static Object lastUse(SessionsView.Session session) {
            for (RecordComponent component : SessionsView.Session.class.getRecordComponents()) {
                if (component.getName().equals("lastUsedAt")) {
                    try {
                        return component.getAccessor().invoke(session);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    /** The next page waits until the read models show the change (the read API's consistency token). */
    private static void waitFor(CommandService.Answer answer, RedirectAttributes redirect) {
        if (answer.consistency() != null) {
            redirect.addAttribute("consistency", answer.consistency());
        }
    }

    private UserView find(UserId user) {
        return query(new FindUser(user), UserView.class).orElseThrow(() -> ApiError.userNotFound(user));
    }

    private <T> Optional<T> query(Object query, Class<T> type) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join();
    }

    /** A browser's date-time field has no zone (and seconds only if asked); the console's times are UTC. */
    static String instant(String value) {
        if (value != null && value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")) {
            return value + ":00Z";
        }
        if (value != null && value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) {
            return value + "Z";
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
