package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.login.UserChange;
import dev.portico.command.login.UserLifecycle;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.DeletionReason;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API on one user of an app: disable, enable, revoke all sessions, delete. Each is recorded with
 * the operator as the actor. Finding and showing users is the read API's (query-service); this side only acts.
 */
@RestController
class AdminUserController {
    static final String USER = "/api/admin/v1/apps/{appId}/users/{userId}";

    private final Apps apps;
    private final UserLifecycle users;

    AdminUserController(Apps apps, UserLifecycle users) {
        this.apps = apps;
        this.users = users;
    }

    /** What an action did: {@code changed} is false when the user already was as asked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserChangeBody(@JsonProperty("user_id") String userId, Boolean disabled, boolean changed,
            @JsonProperty("sessions_ended") int sessionsEnded) {
        static UserChangeBody of(UserId user, Boolean disabled, UserChange change) {
            return new UserChangeBody(user.value(), disabled, change.changed(), change.sessionsEnded());
        }
    }

    /** Ends every session of the user at once; it can neither log in nor refresh until enabled. */
    @PostMapping(USER + "/disable")
    UserChangeBody disable(OperatorCall operator, @PathVariable String appId, @PathVariable String userId,
            HttpServletRequest request) {
        AppId app = app(appId);
        UserId user = AdminParameters.userId(userId);
        return UserChangeBody.of(user, true,
                users.disable(app, user, operator.actor(), RequestContexts.of(request)));
    }

    @PostMapping(USER + "/enable")
    UserChangeBody enable(OperatorCall operator, @PathVariable String appId, @PathVariable String userId,
            HttpServletRequest request) {
        AppId app = app(appId);
        UserId user = AdminParameters.userId(userId);
        return UserChangeBody.of(user, false,
                users.enable(app, user, operator.actor(), RequestContexts.of(request)));
    }

    /** Logs the user out everywhere; it may log in again at once. */
    @DeleteMapping(USER + "/sessions")
    UserChangeBody revokeSessions(OperatorCall operator, @PathVariable String appId, @PathVariable String userId,
            HttpServletRequest request) {
        AppId app = app(appId);
        UserId user = AdminParameters.userId(userId);
        return UserChangeBody.of(user, null,
                users.revokeSessions(app, user, operator.actor(), RequestContexts.of(request)));
    }

    /** As the user's own deletion: identities, sessions, keys and personal data go. */
    @DeleteMapping(USER)
    ResponseEntity<Void> delete(OperatorCall operator, @PathVariable String appId, @PathVariable String userId,
            HttpServletRequest request) {
        AppId app = app(appId);
        UserId user = AdminParameters.userId(userId);
        users.delete(app, user, DeletionReason.ADMINISTRATIVE, operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    private AppId app(String appId) {
        return apps.require(appId).id();
    }
}
