package dev.portico.command.apikey;

import dev.portico.command.account.Accounts;
import dev.portico.command.audit.AuditedCommands;
import dev.portico.command.audit.Conflicts;
import dev.portico.command.audit.RequestContext;
import dev.portico.command.command.CreateApiKey;
import dev.portico.command.command.DeleteApiKey;
import dev.portico.command.command.DisableApiKey;
import dev.portico.command.command.EnableApiKey;
import dev.portico.command.command.RegisterServerUser;
import dev.portico.command.command.SealedApiKey;
import dev.portico.command.login.UnknownUser;
import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.session.SessionStore;
import dev.portico.events.Actor;
import dev.portico.events.ApiKeyId;
import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.util.Optional;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle of API keys, each change one transaction with the audit metadata: a user's own keys (client
 * API), and server keys, which an operator creates together with their server user. The secret is made here,
 * handed back once, and only its hash goes on, sealed under the user's key.
 */
@Component
public class ApiKeys {
    private final AuditedCommands commands;
    private final PersonalDataVault vault;
    private final TransactionTemplate transactions;
    private final SessionStore sessions;
    private final Accounts accounts;

    public ApiKeys(AuditedCommands commands, PersonalDataVault vault, TransactionTemplate transactions,
            SessionStore sessions, Accounts accounts) {
        this.accounts = accounts;
        this.commands = commands;
        this.vault = vault;
        this.transactions = transactions;
        this.sessions = sessions;
    }

    /**
     * @throws InvalidApiKeyName when the name is not allowed
     * @throws dev.portico.command.domain.ApiKeyRefused when the user takes no (more) keys or has the name already
     */
    public CreatedApiKey createForUser(UserId user, String name, RequestContext request) {
        requireValidName(name);
        String secret = ApiKeySecrets.newSecret();
        ApiKeyId id = ApiKeyId.generate();
        inTransaction(user, Actor.user(user), () -> {
            UserKey key = vault.findKey(user).orElseThrow(() -> new AggregateDeletedException(user.value()));
            commands.send(new CreateApiKey(user, seal(key, id, name, secret)), Actor.user(user), key, request);
        });
        return new CreatedApiKey(user, id, name, secret);
    }

    /** A new user of type server in the app, whose only way in is this key. */
    public CreatedApiKey createServerKey(AppId app, String name, Actor operator, RequestContext request) {
        requireValidName(name);
        String secret = ApiKeySecrets.newSecret();
        ApiKeyId id = ApiKeyId.generate();
        UserId user = UserId.generate();
        inTransaction(null, operator, () -> {
            UserKey key = vault.createKey(user);
            commands.send(new RegisterServerUser(user, app, seal(key, id, name, secret)), operator, key, request);
        });
        return new CreatedApiKey(user, id, name, secret);
    }

    /**
     * @param actor the user itself, or the operator of a server key
     * @throws dev.portico.command.domain.ApiKeyNotFound when the user has no such key
     */
    public void enable(UserId user, ApiKeyId apiKeyId, Actor actor, RequestContext request) {
        send(user, new EnableApiKey(user, apiKeyId), actor, request);
    }

    public void disable(UserId user, ApiKeyId apiKeyId, Actor actor, RequestContext request) {
        send(user, new DisableApiKey(user, apiKeyId), actor, request);
    }

    /** An operator deletes a server key; no session of the operator can have logged in with it. */
    public void delete(UserId user, ApiKeyId apiKeyId, Actor operator, RequestContext request) {
        send(user, new DeleteApiKey(user, apiKeyId), operator, request);
    }

    /**
     * @param session the session asking, refused if it logged in with this very key
     * @param apiKeyProviderId the app's api-key provider, through which the key's identity was named
     * @throws ApiKeyInUse when {@code session} logged in with the key
     */
    public void delete(UserId user, ApiKeyId apiKeyId, SessionId session, String apiKeyProviderId,
            RequestContext request) {
        inTransaction(user, Actor.user(user), () -> {
            UserKey key = vault.findKey(user).orElseThrow(() -> new AggregateDeletedException(user.value()));
            Optional<IdentityId> loggedInWith = sessions.identityOf(session);
            if (apiKeyProviderId != null
                    && loggedInWith.equals(Optional.of(key.identityId(apiKeyProviderId, apiKeyId.value())))) {
                throw new ApiKeyInUse();
            }
            commands.send(new DeleteApiKey(user, apiKeyId), Actor.user(user), key, request);
        });
    }

    private void send(UserId user, Object command, Actor actor, RequestContext request) {
        inTransaction(user, actor, () -> commands.send(command, actor, vault.findKey(user).orElse(null), request));
    }

    /**
     * One transaction, tried again when a concurrent command on the same user appended first (a second key of
     * the same name is then refused by the user). A change of an existing user locks its account first, as every
     * change of a user does ({@code Accounts.lockForChange}). A user deleted meanwhile has, to itself, no session
     * any more (401, as its stream would refuse it); to an operator, who acts on keys of users of type server, it
     * is a user not found (404): no end user's session is involved, and a 401 would read as a bad operator token.
     */
    private void inTransaction(UserId existingUser, Actor actor, Runnable work) {
        Conflicts.retrying(() -> transactions.executeWithoutResult(status -> {
            if (existingUser != null && accounts.lockForChange(existingUser).isEmpty()) {
                throw actor.kind() == Actor.Kind.OPERATOR ? new UnknownUser()
                        : new AggregateDeletedException(existingUser.value());
            }
            work.run();
        }));
    }

    private static SealedApiKey seal(UserKey key, ApiKeyId id, String name, String secret) {
        return new SealedApiKey(id, key.apiKeyNameDigest(name), key.sealText(name),
                key.sealText(ApiKeySecrets.hash(secret)));
    }

    private static void requireValidName(String name) {
        ApiKeyNames.problem(name).ifPresent(problem -> {
            throw new InvalidApiKeyName(problem);
        });
    }
}
