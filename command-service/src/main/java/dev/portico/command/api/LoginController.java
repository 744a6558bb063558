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
import dev.portico.command.provider.MalformedCredentials;
import dev.portico.command.provider.ProviderUnavailable;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.BsonDocument;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST …/auth/providers/{provider}/login}, and with {@code ?link=true} the linking of the credentials
 * to the user of the access token. A plain login ignores any Authorization header: realm-web attaches the
 * current user's token to app-level calls, and refusing a stale one here would start its refresh logic.
 */
@RestController
class LoginController {
    private final Apps apps;
    private final IdentityVerifiers verifiers;
    private final Logins logins;
    private final ClientContexts clientContexts;
    private final SessionArguments sessions;
    private final RateLimits rateLimits;

    LoginController(Apps apps, IdentityVerifiers verifiers, Logins logins, ClientContexts clientContexts,
            SessionArguments sessions, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.apps = apps;
        this.verifiers = verifiers;
        this.logins = logins;
        this.clientContexts = clientContexts;
        this.sessions = sessions;
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
            EjsonBody body, HttpServletRequest request) {
        App app = apps.require(appId);
        // A provider the export lists as disabled is, to clients, not there.
        LoginProvider loginProvider = ProviderType.fromWireName(provider).flatMap(app::provider)
                .filter(configured -> !configured.disabled())
                .orElseThrow(() -> ClientApiException.providerNotFound(provider));
        IdentityVerifier verifier = verifiers.forType(loginProvider.type())
                .orElseThrow(() -> ClientApiException.providerNotFound(provider));
        BsonDocument fields = body.fields();
        var client = clientContexts.from(fields);
        fields.remove("options");
        Credentials credentials = new Credentials(app, loginProvider, fields, request.getRemoteAddr());
        LoginResult result;
        if ("true".equals(link)) {
            AccessSession session = sessions.accessSession(request);
            if (!session.claims().appId().equals(app.id())) {
                throw ClientApiException.badRequest("the access token belongs to another app");
            }
            result = logins.link(app, verify(verifier, credentials, session.claims().userId()), session.claims(),
                    RequestContexts.of(request));
        } else {
            if (loginProvider.type() == ProviderType.ANONYMOUS) {
                rateLimits.acquire(RateLimits.Action.ANONYMOUS_LOGIN, app.id(), request.getRemoteAddr());
            }
            UserId candidate = UserId.generate();
            result = logins.logIn(app, verify(verifier, credentials, candidate), candidate, client,
                    RequestContexts.of(request));
        }
        return new LoginResponse(result.accessToken(), result.refreshToken(), result.userId().value(),
                result.deviceId().value());
    }

    private static VerifiedIdentity verify(IdentityVerifier verifier, Credentials credentials, UserId candidate) {
        try {
            return verifier.verify(credentials, candidate);
        } catch (LoginRefused e) {
            // A 401 on a login never makes realm-web refresh, unless its code were InvalidSession (a link sends
            // the user's access token); no provider refuses with that code.
            throw new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.valueOf(e.errorCode()), e.getMessage(),
                    e.retryAfter());
        } catch (MalformedCredentials e) {
            throw new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter, e.getMessage());
        } catch (ProviderUnavailable e) {
            // Not the credentials' fault, so no 401: the client may try again.
            throw new ClientApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.AuthError, e.getMessage());
        }
    }
}
