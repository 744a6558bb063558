package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.apikey.ApiKeys;
import dev.portico.command.apikey.CreatedApiKey;
import dev.portico.command.app.App;
import dev.portico.command.operator.Operators;
import dev.portico.events.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one operator endpoint so far: {@code POST /api/admin/v1/apps/{appId}/api_keys} creates a server API key,
 * with the user of type server it logs in as. Only a token of {@code portico.operators} is accepted; the
 * client API's tokens are not operator tokens. The rest of an admin API (listing, disabling and deleting
 * server keys, managing users) is yet to come.
 */
@RestController
class ServerApiKeyController {
    private final Apps apps;
    private final ApiKeys apiKeys;
    private final Operators operators;

    ServerApiKeyController(Apps apps, ApiKeys apiKeys, Operators operators) {
        this.apps = apps;
        this.apiKeys = apiKeys;
        this.operators = operators;
    }

    record ServerKeyBody(@JsonProperty("_id") String id, String key, String name, boolean disabled,
            @JsonProperty("user_id") String userId) {
    }

    @PostMapping("/api/admin/v1/apps/{appId}/api_keys")
    ResponseEntity<ServerKeyBody> create(@PathVariable String appId, EjsonBody body,
            HttpServletRequest request) {
        Actor operator = operator(request.getHeader(HttpHeaders.AUTHORIZATION));
        App app = apps.require(appId);
        ApiKeyController.apiKeyProvider(app);
        CreatedApiKey created = apiKeys.createServerKey(app.id(), ApiKeyController.nameIn(body.fields()),
                operator, RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ServerKeyBody(created.id().value(),
                created.secret(), created.name(), false, created.owner().value()));
    }

    private Actor operator(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.MissingAuthReq, "must authenticate first");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        return operators.authenticate(token).orElseThrow(() ->
                new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.AuthError, "invalid operator token"));
    }
}
