package dev.portico.command.login;

import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.RevokeSession;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.events.Actor;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.user.DeletionReason;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Ends sessions and users on behalf of an actor, with the request recorded for the auditors. */
@Component
public class UserLifecycle {
    private final AuditedCommands commands;
    private final PersonalDataVault vault;
    private final TransactionTemplate transactions;

    public UserLifecycle(AuditedCommands commands, PersonalDataVault vault, TransactionTemplate transactions) {
        this.commands = commands;
        this.vault = vault;
        this.transactions = transactions;
    }

    /**
     * Revokes the session and, in the same transaction, asks its user whether a logout ends it (an anonymous
     * user's does).
     */
    public void logOut(UserId user, SessionId session, RequestContext request) {
        transactions.executeWithoutResult(status -> {
            UserKey key = vault.findKey(user).orElse(null);
            commands.send(new RevokeSession(session, RevocationReason.LOGGED_OUT), Actor.user(user), key, request);
            commands.send(new DeleteUser(user, DeletionReason.ANONYMOUS_LOGOUT), Actor.user(user), key, request);
        });
    }

    public void delete(UserId user, DeletionReason reason, Actor actor, RequestContext request) {
        transactions.executeWithoutResult(status ->
                commands.send(new DeleteUser(user, reason), actor, vault.findKey(user).orElse(null), request));
    }
}
