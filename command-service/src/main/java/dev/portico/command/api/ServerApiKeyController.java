package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.apikey.ApiKeyStore;
import dev.portico.command.apikey.ApiKeys;
import dev.portico.command.apikey.CreatedApiKey;
import dev.portico.command.apikey.ServerKeyView;
import dev.portico.command.app.App;
import dev.portico.command.domain.ApiKeyNotFound;
import dev.portico.events.ApiKeyId;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Server API keys on the operator API: create one (with the user of type server it logs in as), list them a
 * page at a time, disable, enable and delete them. The secret is in the answer to the creation only.
 */
@RestController
class ServerApiKeyController {
    static final String KEYS = "/api/admin/v1/apps/{appId}/api_keys";

    private final Apps apps;
    private final ApiKeys apiKeys;
    private final ApiKeyStore store;

    ServerApiKeyController(Apps apps, ApiKeys apiKeys, ApiKeyStore store) {
        this.apps = apps;
        this.apiKeys = apiKeys;
        this.store = store;
    }

    /** {@code key} is present only in the answer to a creation, {@code created_at} only in listings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServerKeyBody(@JsonProperty("_id") String id, String key, String name, boolean disabled,
            @JsonProperty("user_id") String userId, @JsonProperty("created_at") String createdAt) {
        static ServerKeyBody of(ServerKeyView view) {
            return new ServerKeyBody(view.id().value(), null, view.name(), view.disabled(), view.owner().value(),
                    view.createdAt().toString());
        }
    }

    /** One page; {@code next} is the {@code after} of the next page, null on the last. */
    record ServerKeyPage(List<ServerKeyBody> items, String next) {
    }

    /** The body of a creation. */
    record NewKeyBody(String name) {
    }

    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
            @Content(mediaType = "application/json", schema = @Schema(implementation = NewKeyBody.class))))
    @PostMapping(KEYS)
    ResponseEntity<ServerKeyBody> create(OperatorCall operator, @PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        App app = apps.require(appId);
        ApiKeyController.apiKeyProvider(app);
        CreatedApiKey created = apiKeys.createServerKey(app.id(), ApiKeyController.nameIn(body.fields()),
                operator.actor(), RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ServerKeyBody(created.id().value(),
                created.secret(), created.name(), false, created.owner().value(), null));
    }

    /** In creation order, so pages stay put while keys are added. */
    @GetMapping(KEYS)
    ServerKeyPage list(OperatorCall operator, @PathVariable String appId,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "after", required = false) String after) {
        AppId app = apps.require(appId).id();
        int pageSize = AdminParameters.limit(limit);
        ApiKeyId from = after == null ? null : AdminParameters.apiKeyId("after", after);
        if (from != null && !store.exists(from)) {
            throw AdminParameters.invalid("after must be the id of a key of an earlier page");
        }
        List<ServerKeyView> page = store.listServerKeys(app, from, pageSize);
        String next = page.size() < pageSize ? null : page.get(page.size() - 1).id().value();
        return new ServerKeyPage(page.stream().map(ServerKeyBody::of).toList(), next);
    }

    /** Enabling an enabled key changes nothing (204 all the same). */
    @PutMapping(KEYS + "/{keyId}/enable")
    ResponseEntity<Void> enable(OperatorCall operator, @PathVariable String appId, @PathVariable String keyId,
            HttpServletRequest request) {
        AppId app = apps.require(appId).id();
        ApiKeyId key = AdminParameters.apiKeyId("keyId", keyId);
        apiKeys.enable(owner(app, key), key, operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    /** A disabled key logs in no more; its open sessions stay. */
    @PutMapping(KEYS + "/{keyId}/disable")
    ResponseEntity<Void> disable(OperatorCall operator, @PathVariable String appId, @PathVariable String keyId,
            HttpServletRequest request) {
        AppId app = apps.require(appId).id();
        ApiKeyId key = AdminParameters.apiKeyId("keyId", keyId);
        apiKeys.disable(owner(app, key), key, operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(KEYS + "/{keyId}")
    ResponseEntity<Void> delete(OperatorCall operator, @PathVariable String appId, @PathVariable String keyId,
            HttpServletRequest request) {
        AppId app = apps.require(appId).id();
        ApiKeyId key = AdminParameters.apiKeyId("keyId", keyId);
        apiKeys.delete(owner(app, key), key, operator.actor(), RequestContexts.of(request));
        return ResponseEntity.noContent().build();
    }

    /** A user's own key, another app's, or none: to the operator API, not found alike. */
    private UserId owner(AppId app, ApiKeyId key) {
        return store.serverKeyOwner(app, key).orElseThrow(() -> new ApiKeyNotFound(key));
    }
}
