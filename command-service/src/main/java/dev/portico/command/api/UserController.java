package dev.portico.command.api;

import dev.portico.command.login.UserLifecycle;
import dev.portico.events.Actor;
import dev.portico.events.user.DeletionReason;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /auth/delete}: the user behind the access token deletes itself. */
@RestController
class UserController {
    private final UserLifecycle users;

    UserController(UserLifecycle users) {
        this.users = users;
    }

    @DeleteMapping("/api/client/v2.0/auth/delete")
    ResponseEntity<Void> delete(AccessSession session, HttpServletRequest request) {
        var user = session.claims().userId();
        users.delete(user, DeletionReason.USER_REQUEST, Actor.user(user), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }
}
