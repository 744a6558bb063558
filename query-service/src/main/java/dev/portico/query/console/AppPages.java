package dev.portico.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
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
 * Operators (scope admin): the apps as the command-service read them, each app's server API keys and its
 * pending email/password registrations. All of it is the command-service's operator API, called as the
 * signed-in operator.
 */
@Controller
@RequestMapping("/console/apps")
class AppPages {
    private static final int MAX_NAME = 200;

    private final CommandService commands;

    AppPages(CommandService commands) {
        this.commands = commands;
    }

    @GetMapping
    String apps(@AuthenticationPrincipal ConsoleOperator operator, Model model) {
        model.addAttribute("apps", commands.get(operator, "/apps", Map.of()));
        return "console/apps";
    }

    @GetMapping("/{app}/keys")
    String keys(@PathVariable String app, @RequestParam(name = "after", required = false) String after,
            @AuthenticationPrincipal ConsoleOperator operator, Model model) {
        model.addAttribute("app", app);
        model.addAttribute("keys", commands.get(operator, "/apps/{p0}/api_keys", Map.of("after", orEmpty(after),
                "limit", "50"), app));
        return "console/keys";
    }

    /** The secret is in this answer only: the page says so and is not kept by the browser. */
    @PostMapping("/{app}/keys")
    String createKey(@PathVariable String app, @RequestParam(name = "name") String name,
            @AuthenticationPrincipal ConsoleOperator operator, Model model, HttpServletResponse response) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new ConsoleActionFailed(400, "a key's name is 1 to " + MAX_NAME + " characters");
        }
        JsonNode created = commands.post(operator, "/apps/{app}/api_keys", Map.of("name", name.trim()), app).body();
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("app", app);
        model.addAttribute("created", created);
        return "console/key-created";
    }

    @PostMapping("/{app}/keys/{key}/{action:enable|disable}")
    String changeKey(@PathVariable String app, @PathVariable String key, @PathVariable String action,
            @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        commands.put(operator, "/apps/{app}/api_keys/{key}/" + action, app, key);
        flash.addFlashAttribute("done", "API key " + key + " is " + action + "d.");
        return "redirect:/console/apps/{app}/keys";
    }

    @PostMapping("/{app}/keys/{key}/delete")
    String deleteKey(@PathVariable String app, @PathVariable String key,
            @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        commands.delete(operator, "/apps/{app}/api_keys/{key}", app, key);
        flash.addFlashAttribute("done", "API key " + key + " is deleted; it logs in no more.");
        return "redirect:/console/apps/{app}/keys";
    }

    @GetMapping("/{app}/pending")
    String pending(@PathVariable String app, @RequestParam(name = "email", required = false) String email,
            @RequestParam(name = "cursor", required = false) String cursor,
            @AuthenticationPrincipal ConsoleOperator operator, Model model) {
        model.addAttribute("app", app);
        model.addAttribute("email", email);
        model.addAttribute("pending", commands.get(operator, "/apps/{p0}/pending-users",
                Map.of("email", orEmpty(email), "cursor", orEmpty(cursor), "limit", "50"), app));
        return "console/pending";
    }

    @PostMapping("/{app}/pending/{id}/{action:confirm|resend}")
    String confirmOrResend(@PathVariable String app, @PathVariable String id, @PathVariable String action,
            @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        commands.post(operator, "/apps/{app}/pending-users/{id}/" + action, null, app, id);
        flash.addFlashAttribute("done", action.equals("confirm")
                ? "Registration " + id + " is confirmed; the user may log in."
                : "The confirmation message of registration " + id + " is sent again.");
        return "redirect:/console/apps/{app}/pending";
    }

    @PostMapping("/{app}/pending/{id}/delete")
    String deletePending(@PathVariable String app, @PathVariable String id,
            @AuthenticationPrincipal ConsoleOperator operator, RedirectAttributes flash) {
        commands.delete(operator, "/apps/{app}/pending-users/{id}", app, id);
        flash.addFlashAttribute("done", "Registration " + id + " is deleted.");
        return "redirect:/console/apps/{app}/pending";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
