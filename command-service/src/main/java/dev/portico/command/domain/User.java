package dev.portico.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.portico.command.command.CreateApiKey;
import dev.portico.command.command.DeleteApiKey;
import dev.portico.command.command.DeleteCustomData;
import dev.portico.command.command.DeleteUser;
import dev.portico.command.command.DisableApiKey;
import dev.portico.command.command.DisableUser;
import dev.portico.command.command.EnableApiKey;
import dev.portico.command.command.EnableUser;
import dev.portico.command.command.LinkIdentity;
import dev.portico.command.command.OpenApiKeySession;
import dev.portico.command.command.OpenSession;
import dev.portico.command.command.PatchCustomData;
import dev.portico.command.command.RegisterServerUser;
import dev.portico.command.command.RegisterUser;
import dev.portico.command.command.ReplaceCustomData;
import dev.portico.command.command.SealedApiKey;
import dev.portico.command.command.SealedIdentity;
import dev.portico.command.command.SessionGrant;
import dev.portico.command.command.UpdateIdentityProfile;
import dev.portico.events.ApiKeyId;
import dev.portico.events.AppId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.apikey.ApiKeyCreated;
import dev.portico.events.apikey.ApiKeyDeleted;
import dev.portico.events.apikey.ApiKeyDisabled;
import dev.portico.events.apikey.ApiKeyEnabled;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ApplyMore;
import org.axonframework.spring.stereotype.Aggregate;
import org.bson.BsonDocument;

/**
 * A user of one app and the identities that log in as it; every rule about users is decided here. Its
 * stream holds what changes the user, not its logins: each login opens a {@link Session} of its own, so
 * loading a user costs the same after ten thousand logins as after one.
 *
 * <p>That an identity belongs to at most one user of an app is a rule over all users, which no single user
 * can see; {@code claim.IdentityClaims} holds it.
 *
 * <p>The user's API keys are its own too: it decides who may have keys, how many, under which names, and
 * whether a key still logs in at the moment a session opens with it. It knows a key's name only by a keyed
 * digest and its secret not at all.
 *
 * <p>Its custom data document is kept here, sealed as the events hold it. A patch is applied to this copy, in
 * the user's own sequence: two services patching at once are applied one after the other (Axon loads the user
 * under a lock, and the event store refuses a second event at the same sequence number from another
 * instance, which then retries), so neither loses the other's change. A view read before the command would
 * have let both start from the same document.
 */
@Aggregate
public class User {
    /** As App Services allowed: keys are cheap to create, and each is a standing way in. */
    public static final int MAX_API_KEYS = 20;

    @AggregateIdentifier
    private UserId id;
    private AppId appId;
    private UserType type;
    private boolean disabled;
    private final Map<IdentityId, ProviderType> identities = new LinkedHashMap<>();
    private final Map<ApiKeyId, ApiKeyState> apiKeys = new LinkedHashMap<>();
    private SealedData customData;

    /** What the user needs to know of a key: the digest of its name, and whether it logs in. */
    private record ApiKeyState(String nameDigest, boolean disabled) {
    }

    protected User() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public User(RegisterUser command) {
        Instant now = now();
        requireFutureExpiry(command.firstSession(), now);
        apply(new UserRegistered(command.userId(), command.appId(), command.type(), now));
        // Events applied in a constructor take effect once it returns; opening the session after them keeps the
        // user's events ahead of its first session's.
        link(command.userId(), command.appId(), command.identity(), now).andThen(() ->
                open(command.userId(), command.appId(), command.identity().id(), command.identity().providerType(),
                        command.firstSession(), now));
    }

    /** A server user is made by an operator together with its first API key, which is its only way in. */
    @CommandHandler
    public User(RegisterServerUser command) {
        Instant now = now();
        apply(new UserRegistered(command.userId(), command.appId(), UserType.SERVER, now));
        created(command.userId(), command.appId(), command.apiKey(), now);
    }

    @CommandHandler
    public void handle(OpenSession command) {
        requireEnabled();
        Instant now = now();
        ProviderType providerType = identities.get(command.identityId());
        if (providerType == null) {
            throw new IdentityNotLinked(command.identityId());
        }
        requireFutureExpiry(command.session(), now);
        open(id, appId, command.identityId(), providerType, command.session(), now);
    }

    /**
     * Linking the same identity again changes nothing. An anonymous identity proves nobody and a second
     * email/password identity would make two passwords for one person, so both are refused, as App Services did.
     */
    @CommandHandler
    public void handle(LinkIdentity command) {
        requireEnabled();
        SealedIdentity identity = command.identity();
        if (identities.containsKey(identity.id())) {
            return;
        }
        if (identity.providerType() == ProviderType.ANONYMOUS) {
            throw new IdentityNotLinkable("linking an anonymous identity is not allowed");
        }
        if (identity.providerType() == ProviderType.EMAIL_PASSWORD
                && identities.containsValue(ProviderType.EMAIL_PASSWORD)) {
            throw new IdentityNotLinkable("linking a local-userpass identity is not allowed when one is already linked");
        }
        link(id, appId, identity, now());
    }

    /**
     * Only a user that someone can log in as again may hold keys: an anonymous user's keys would be a way into
     * an account that otherwise ends with its session. Names are unique per user, compared by digest.
     */
    @CommandHandler
    public void handle(CreateApiKey command) {
        SealedApiKey key = command.apiKey();
        if (type == UserType.NORMAL && onlyAnonymous()) {
            throw new ApiKeyRefused(ApiKeyRefused.Reason.ANONYMOUS_USER, "anonymous users cannot create API keys");
        }
        if (apiKeys.size() >= MAX_API_KEYS) {
            throw new ApiKeyRefused(ApiKeyRefused.Reason.LIMIT_REACHED,
                    "a user can have at most " + MAX_API_KEYS + " API keys");
        }
        if (apiKeys.values().stream().anyMatch(existing -> existing.nameDigest().equals(key.nameDigest()))) {
            throw new ApiKeyRefused(ApiKeyRefused.Reason.NAME_TAKEN, "an API key with this name already exists");
        }
        if (apiKeys.containsKey(key.id())) {
            throw new IllegalArgumentException("API key " + key.id() + " exists already");
        }
        created(id, appId, key, now());
    }

    /** Enabling an enabled key changes nothing, as App Services answered it. */
    @CommandHandler
    public void handle(EnableApiKey command) {
        if (requireKey(command.apiKeyId()).disabled()) {
            apply(new ApiKeyEnabled(id, command.apiKeyId(), now()));
        }
    }

    @CommandHandler
    public void handle(DisableApiKey command) {
        if (!requireKey(command.apiKeyId()).disabled()) {
            apply(new ApiKeyDisabled(id, command.apiKeyId(), now()));
        }
    }

    @CommandHandler
    public void handle(DeleteApiKey command) {
        requireKey(command.apiKeyId());
        apply(new ApiKeyDeleted(id, command.apiKeyId(), now()));
    }

    /**
     * The look-up that found the key may be a moment old; here, in the user's own sequence, a key disabled or
     * deleted meanwhile no longer logs in. The key's identity is linked at its first login, as App Services
     * added an {@code api-key} identity to the key's owner.
     */
    @CommandHandler
    public void handle(OpenApiKeySession command) {
        ApiKeyState key = apiKeys.get(command.apiKeyId());
        if (key == null || key.disabled()) {
            throw new ApiKeyNotUsable();
        }
        requireEnabled();
        SealedIdentity identity = command.identity();
        if (identity.providerType() != ProviderType.API_KEY) {
            throw new IllegalArgumentException("an API key logs in through an api-key identity");
        }
        Instant now = now();
        requireFutureExpiry(command.session(), now);
        if (!identities.containsKey(identity.id())) {
            link(id, appId, identity, now);
        }
        open(id, appId, identity.id(), ProviderType.API_KEY, command.session(), now);
    }

    /** Whether the profile changed was decided by whoever read it; the user only checks the identity is its own. */
    @CommandHandler
    public void handle(UpdateIdentityProfile command) {
        if (!identities.containsKey(command.identityId())) {
            throw new IdentityNotLinked(command.identityId());
        }
        apply(new IdentityProfileUpdated(id, command.identityId(), command.profile(), now()));
    }

    /**
     * A disabled user logs in with no provider and links nothing; its sessions are ended by whoever disables it,
     * in the same transaction (they are streams of their own). Disabling a disabled user changes nothing.
     *
     * @return whether the user was enabled until now
     */
    @CommandHandler
    public boolean handle(DisableUser command) {
        if (disabled) {
            return false;
        }
        apply(new UserDisabled(id, now()));
        return true;
    }

    /** @return whether the user was disabled until now */
    @CommandHandler
    public boolean handle(EnableUser command) {
        if (!disabled) {
            return false;
        }
        apply(new UserEnabled(id, now()));
        return true;
    }

    /**
     * Nobody can ever log in as an anonymous user again once its session is gone, so, like App Services,
     * logging out ends it, and so does the clean-up of anonymous users nobody used for long; a user that has
     * linked any other identity is permanent and stays.
     */
    @CommandHandler
    public void handle(DeleteUser command) {
        boolean onlyWhileAnonymous = command.reason() == DeletionReason.ANONYMOUS_LOGOUT
                || command.reason() == DeletionReason.ANONYMOUS_INACTIVE;
        if (onlyWhileAnonymous && !onlyAnonymous()) {
            return;
        }
        apply(new UserDeleted(id, appId, command.reason(), now()));
    }

    /** Internal services write custom data; a disabled user keeps it, as App Services kept its collection. */
    @CommandHandler
    public void handle(ReplaceCustomData command, CustomDataSeal seal, CustomDataLimits limits) {
        requireApp(command.appId());
        limits.check(command.document());
        apply(new CustomDataChanged(id, seal.seal(id, command.document()), now()));
    }

    @CommandHandler
    public void handle(PatchCustomData command, CustomDataSeal seal, CustomDataLimits limits) {
        requireApp(command.appId());
        BsonDocument current = customData == null ? new BsonDocument() : seal.open(id, customData);
        BsonDocument patched = MergePatch.apply(current, command.patch());
        limits.check(patched);
        apply(new CustomDataChanged(id, seal.seal(id, patched), now()));
    }

    @CommandHandler
    public void handle(DeleteCustomData command) {
        requireApp(command.appId());
        if (customData != null) {
            apply(new CustomDataChanged(id, null, now()));
        }
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = event.userId();
        appId = event.appId();
        type = event.type();
    }

    @EventSourcingHandler
    void on(UserDisabled event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(UserEnabled event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        apiKeys.put(event.apiKeyId(), new ApiKeyState(event.nameDigest(), false));
    }

    @EventSourcingHandler
    void on(ApiKeyEnabled event) {
        apiKeys.computeIfPresent(event.apiKeyId(), (keyId, key) -> new ApiKeyState(key.nameDigest(), false));
    }

    @EventSourcingHandler
    void on(ApiKeyDisabled event) {
        apiKeys.computeIfPresent(event.apiKeyId(), (keyId, key) -> new ApiKeyState(key.nameDigest(), true));
    }

    @EventSourcingHandler
    void on(ApiKeyDeleted event) {
        apiKeys.remove(event.apiKeyId());
    }

    @EventSourcingHandler
    void on(IdentityLinked event) {
        identities.put(event.identityId(), event.providerType());
    }

    @EventSourcingHandler
    void on(CustomDataChanged event) {
        customData = event.document();
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        markDeleted();
    }

    private static ApplyMore link(UserId user, AppId app, SealedIdentity identity, Instant now) {
        return apply(new IdentityLinked(user, app, identity.id(), identity.providerType(), identity.providerId(),
                identity.subject(), identity.profile(), now));
    }

    private static void created(UserId user, AppId app, SealedApiKey key, Instant now) {
        apply(new ApiKeyCreated(user, app, key.id(), key.nameDigest(), key.name(), key.secretHash(), now));
    }

    private void requireEnabled() {
        if (disabled) {
            throw new UserIsDisabled();
        }
    }

    /** A service names the app in its request; a user of another app is not found there. */
    private void requireApp(AppId app) {
        if (!appId.equals(app)) {
            throw new UserNotFound(id);
        }
    }

    private ApiKeyState requireKey(ApiKeyId apiKeyId) {
        ApiKeyState key = apiKeys.get(apiKeyId);
        if (key == null) {
            throw new ApiKeyNotFound(apiKeyId);
        }
        return key;
    }

    /** Takes the ids as arguments: in the constructor, fields are only set once it returns. */
    private static void open(UserId user, AppId app, IdentityId identity, ProviderType providerType, SessionGrant grant,
            Instant now) {
        try {
            createNew(Session.class, () -> new Session(user, app, identity, providerType, grant, now));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the session could not be created", e);
        }
    }

    private static void requireFutureExpiry(SessionGrant session, Instant now) {
        if (!session.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("a session must expire in the future");
        }
    }

    private boolean onlyAnonymous() {
        // A server user has no identity until its key first logs in; it is not anonymous for that.
        return !identities.isEmpty() && identities.values().stream().allMatch(t -> t == ProviderType.ANONYMOUS);
    }

    static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
