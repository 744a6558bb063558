package dev.portico.command.api;

import dev.portico.command.session.AccessTokenClaims;
import dev.portico.command.session.AccessTokens;
import dev.portico.command.session.InvalidToken;
import dev.portico.command.session.SessionStore;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Authenticates requests for controllers that ask for an {@link AccessSession}, {@link AccessToken} or
 * {@link RefreshSession}.
 * Every failure is a 401 with {@code InvalidSession}, which is what makes realm-web refresh (for access
 * tokens) or log the user out (for refresh tokens); a missing header is {@code MissingAuthReq}.
 */
@Component
class SessionArguments implements HandlerMethodArgumentResolver {
    private final AccessTokens accessTokens;
    private final SessionStore sessions;

    SessionArguments(AccessTokens accessTokens, SessionStore sessions) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == AccessSession.class || type == AccessToken.class || type == RefreshSession.class
                || type == SessionStore.RefreshedSession.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (parameter.getParameterType() == SessionStore.RefreshedSession.class) {
            return refreshing(token);
        }
        if (parameter.getParameterType() == AccessToken.class) {
            return new AccessToken(verified(token));
        }
        return parameter.getParameterType() == AccessSession.class ? access(token) : refresh(token);
    }

    /** For endpoints that need an access token only in some cases (linking). */
    AccessSession accessSession(jakarta.servlet.http.HttpServletRequest request) {
        return access(bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION)));
    }

    /**
     * The session of a refresh ({@code POST /auth/session}). A refresh token whose session ended because its user
     * was disabled is answered {@code UserDisabled}, a 401 on which realm-web neither refreshes nor loops (only
     * {@code InvalidSession} would make it), so the app hears why; everywhere else that token is unknown, so
     * that a logout still ends the local user quietly.
     */
    private SessionStore.RefreshedSession refreshing(String token) {
        return sessions.findForRefresh(token).orElseThrow(() ->
                sessions.endedByDisabledUser(token) ? ClientApiException.userDisabled()
                        : ClientApiException.unknownRefreshToken());
    }

    private AccessSession access(String token) {
        AccessTokenClaims claims = verified(token);
        sessions.find(claims.sessionId())
                .filter(session -> session.userId().equals(claims.userId()) && session.appId().equals(claims.appId()))
                .orElseThrow(() -> ClientApiException.sessionEnded());
        return new AccessSession(claims);
    }

    private AccessTokenClaims verified(String token) {
        try {
            return accessTokens.verify(token);
        } catch (InvalidToken e) {
            throw ClientApiException.invalidSession(e.getMessage());
        }
    }

    private RefreshSession refresh(String token) {
        return sessions.findByRefreshToken(token)
                .map(RefreshSession::new)
                .orElseThrow(ClientApiException::unknownRefreshToken);
    }

    private static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.MissingAuthReq, "must authenticate first");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw ClientApiException.invalidSession("invalid session: expected a bearer token");
        }
        return header.substring(7).trim();
    }
}
