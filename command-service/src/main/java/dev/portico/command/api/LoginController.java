package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.app.App;
import dev.portico.command.app.LoginProvider;
import dev.portico.command.login.LoginResult;
import dev.portico.command.login.Logins;
import dev.portico.command.provider.Credentials;
import dev.portico.command.provider.IdentityVerifier;
import dev.portico.command.provider.IdentityVerifiers;
import dev.portico.command.provider.LoginRefused;
import dev.portico.events.ProviderType;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.BsonDocument;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST …/auth/providers/{provider}/login}. Any Authorization header is ignored: realm-web attaches the
 * current user's token to app-level calls, and refusing a stale one here would start its refresh logic.
 */
@RestController
class LoginController {
    private final Apps apps;
    private final IdentityVerifiers verifiers;
    private final Logins logins;
    private final ClientContexts clientContexts;

    LoginController(Apps apps, IdentityVerifiers verifiers, Logins logins, ClientContexts clientContexts) {
        this.apps = apps;
        this.verifiers = verifiers;
        this.logins = logins;
        this.clientContexts = clientContexts;
    }

    record LoginResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("user_id") String userId,
            @JsonProperty("device_id") String deviceId) {
    }

    @PostMapping("/api/client/v2.0/app/{appId}/auth/providers/{provider}/login")
    LoginResponse logIn(@PathVariable String appId, @PathVariable String provider,
            @RequestParam(name = "link", required = false) String link,
            @RequestBody(required = false) String body, HttpServletRequest request) {
        App app = apps.require(appId);
        LoginProvider loginProvider = ProviderType.fromWireName(provider).flatMap(app::provider)
                .orElseThrow(() -> providerNotFound(provider));
        IdentityVerifier verifier = verifiers.forType(loginProvider.type()).orElseThrow(() -> providerNotFound(provider));
        BsonDocument fields = RequestBodies.parse(body);
        if ("true".equals(link) && loginProvider.type() == ProviderType.ANONYMOUS) {
            throw ClientApiException.badRequest("linking an anonymous identity is not allowed");
        }
        var client = clientContexts.from(fields, request);
        fields.remove("options");
        try {
            LoginResult result = logins.logIn(app, verifier, new Credentials(loginProvider, fields), client);
            return new LoginResponse(result.accessToken(), result.refreshToken(), result.userId().value(),
                    result.deviceId().value());
        } catch (LoginRefused e) {
            throw new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.valueOf(e.errorCode()), e.getMessage());
        }
    }

    private static ClientApiException providerNotFound(String provider) {
        return new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.AuthProviderNotFound,
                "authentication provider not found: '" + provider + "'");
    }
}
