package dev.portico.command.api;

import dev.portico.command.command.DeleteUser;
import dev.portico.events.DeletionReason;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /auth/delete}: the user behind the access token deletes itself. */
@RestController
class UserController {
    private final CommandGateway commands;

    UserController(CommandGateway commands) {
        this.commands = commands;
    }

    @DeleteMapping("/api/client/v2.0/auth/delete")
    ResponseEntity<Void> delete(AccessSession session) {
        commands.sendAndWait(new DeleteUser(session.claims().userId(), DeletionReason.USER_REQUEST));
        return ResponseEntity.noContent().build();
    }
}
