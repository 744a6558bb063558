package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.app.App;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.customdata.CustomDataDocuments;
import dev.portico.command.domain.SessionNotFound;
import dev.portico.command.login.UserLifecycle;
import dev.portico.command.session.AccessTokenClaims;
import dev.portico.command.session.AccessTokens;
import dev.portico.command.session.SessionRecord;
import dev.portico.command.session.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/session} trades a refresh token for a new access token, with the user's custom data as it
 * is now ({@code user.refreshCustomData()}). An event per refresh would grow the log without bound: the
 * session's last use is recorded at most once per interval ({@code SessionUsed}). A session ended by disabling
 * its user is answered {@code UserDisabled} while the user stays disabled. {@code DELETE /auth/session} logs out.
 */
@RestController
class SessionController {
    private final AccessTokens accessTokens;
    private final AppRegistry apps;
    private final UserLifecycle users;
    private final CustomDataDocuments customData;

    SessionController(AccessTokens accessTokens, AppRegistry apps, UserLifecycle users, CustomDataDocuments customData) {
        this.accessTokens = accessTokens;
        this.apps = apps;
        this.users = users;
        this.customData = customData;
    }

    record RefreshResponse(@JsonProperty("access_token") String accessToken) {
    }

    @PostMapping("/api/client/v2.0/auth/session")
    ResponseEntity<RefreshResponse> refresh(SessionStore.RefreshedSession refresh, HttpServletRequest request) {
        SessionRecord session = refresh.session();
        // An app removed from the configuration ends its sessions.
        App app = apps.find(session.appId().value()).orElseThrow(ClientApiException::unknownRefreshToken);
        String token = accessTokens.issue(new AccessTokenClaims(session.userId(), session.sessionId(), app.id(),
                app.domainId(), session.deviceId()),
                customData.claim(app, session.userId(), refresh.customData(), refresh.key()));
        users.recordUse(session, RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new RefreshResponse(token));
    }

    @DeleteMapping("/api/client/v2.0/auth/session")
    ResponseEntity<Void> logOut(RefreshSession refresh, HttpServletRequest request) {
        SessionRecord session = refresh.session();
        try {
            users.logOut(session.userId(), session.sessionId(), RequestContexts.of(request));
        } catch (SessionNotFound | AggregateDeletedException alreadyGone) {
            throw ClientApiException.unknownRefreshToken();
        }
        return ResponseEntity.noContent().build();
    }
}
