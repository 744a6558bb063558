package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.apikey.ApiKeyStore;
import dev.portico.command.apikey.ApiKeyView;
import dev.portico.command.apikey.ApiKeys;
import dev.portico.command.apikey.CreatedApiKey;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.domain.ApiKeyNotFound;
import dev.portico.command.session.SessionRecord;
import dev.portico.events.Actor;
import dev.portico.events.ApiKeyId;
import dev.portico.events.identity.ProviderType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own API keys, {@code /auth/api_keys}: authenticated with the refresh token, as realm-web and the
 * core SDKs send it, so an unknown or ended session is {@code 401 InvalidSession} and logs the client's user
 * out. The key's secret is in the answer to its creation and nowhere after.
 */
@RestController
class ApiKeyController {
    private static final String KEYS = "/api/client/v2.0/auth/api_keys";

    private final ApiKeys apiKeys;
    private final ApiKeyStore store;
    private final AppRegistry apps;

    ApiKeyController(ApiKeys apiKeys, ApiKeyStore store, AppRegistry apps) {
        this.apiKeys = apiKeys;
        this.store = store;
        this.apps = apps;
    }

    /** {@code key} is present only in the answer to a creation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KeyBody(@JsonProperty("_id") String id, String key, String name, boolean disabled) {
        static KeyBody of(ApiKeyView view) {
            return new KeyBody(view.id().value(), null, view.name(), view.disabled());
        }
    }

    @PostMapping(KEYS)
    ResponseEntity<KeyBody> create(RefreshSession refresh, EjsonBody body,
            HttpServletRequest request) {
        SessionRecord session = refresh.session();
        apiKeyProvider(appOf(session));
        CreatedApiKey created = apiKeys.createForUser(session.userId(), nameIn(body.fields()),
                RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new KeyBody(created.id().value(), created.secret(), created.name(), false));
    }

    @GetMapping(KEYS)
    List<KeyBody> list(RefreshSession refresh) {
        return store.list(refresh.session().userId()).stream().map(KeyBody::of).toList();
    }

    @GetMapping(KEYS + "/{id}")
    KeyBody fetch(RefreshSession refresh, @PathVariable String id) {
        ApiKeyId apiKeyId = keyId(id);
        return store.find(refresh.session().userId(), apiKeyId).map(KeyBody::of)
                .orElseThrow(() -> new ApiKeyNotFound(apiKeyId));
    }

    @PutMapping(KEYS + "/{id}/enable")
    ResponseEntity<Void> enable(RefreshSession refresh, @PathVariable String id, HttpServletRequest request) {
        apiKeys.enable(refresh.session().userId(), keyId(id), Actor.user(refresh.session().userId()),
                RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    @PutMapping(KEYS + "/{id}/disable")
    ResponseEntity<Void> disable(RefreshSession refresh, @PathVariable String id, HttpServletRequest request) {
        apiKeys.disable(refresh.session().userId(), keyId(id), Actor.user(refresh.session().userId()),
                RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(KEYS + "/{id}")
    ResponseEntity<Void> delete(RefreshSession refresh, @PathVariable String id, HttpServletRequest request) {
        SessionRecord session = refresh.session();
        String providerId = appOf(session).provider(ProviderType.API_KEY).map(LoginProvider::id).orElse(null);
        apiKeys.delete(session.userId(), keyId(id), session.sessionId(), providerId, RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    /** An app removed from the configuration ends its sessions, as a refresh does. */
    private App appOf(SessionRecord session) {
        return apps.find(session.appId().value()).orElseThrow(ClientApiException::unknownRefreshToken);
    }

    /** New keys only where the app lets keys log in: a key that cannot log in is a secret made for nothing. */
    static LoginProvider apiKeyProvider(App app) {
        return app.provider(ProviderType.API_KEY).filter(provider -> !provider.disabled())
                .orElseThrow(() -> ClientApiException.providerNotFound(ProviderType.API_KEY.wireName()));
    }

    /** A name that is not a string is as wrong as a bad string; the message says what a name may be. */
    static String nameIn(BsonDocument body) {
        BsonValue name = body.get("name");
        return name != null && name.isString() ? name.asString().getValue() : null;
    }

    /** An id that cannot name a key names none: not found, like any other unknown key. */
    private static ApiKeyId keyId(String id) {
        if (!ApiKeyId.isValid(id)) {
            throw new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.APIKeyNotFound, "API key not found");
        }
        return new ApiKeyId(id);
    }
}
