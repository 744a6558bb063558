package dev.portico.query.api;

import dev.portico.query.query.CountEndedSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into the caller: a service credential, or (a token shaped as a
 * JWT) an end user's access token whose session has not ended. A token that is neither leaves the request
 * unauthenticated and marked, so that the refusal (if the endpoint needs a caller at all) says the token is
 * invalid rather than missing.
 */
final class BearerAuthenticationFilter extends OncePerRequestFilter {
    static final String INVALID_TOKEN = BearerAuthenticationFilter.class.getName() + ".invalid";
    private static final String BEARER = "Bearer ";
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final ClientCredentials clients;
    private final Optional<EndUserTokens> endUsers;
    private final Predicate<CountEndedSessions> sessionEnded;
    private final boolean anonymousReads;

    BearerAuthenticationFilter(ClientCredentials clients, Optional<EndUserTokens> endUsers,
            Predicate<CountEndedSessions> sessionEnded, boolean anonymousReads) {
        this.clients = clients;
        this.endUsers = endUsers;
        this.sessionEnded = sessionEnded;
        this.anonymousReads = anonymousReads;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !header.substring(BEARER.length()).isBlank()) {
            Optional<Authentication> caller = authenticate(header.substring(BEARER.length()).trim());
            if (caller.isPresent()) {
                SecurityContextHolder.getContext().setAuthentication(caller.get());
            } else {
                request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            }
        } else if (anonymousReads) {
            SecurityContextHolder.getContext().setAuthentication(ReadApiAuthentication.of(
                    new ClientCredentials.ServiceClient("anonymous", Scopes.READ)));
        }
        // Spring Security's own filters clear the context after the request; clearing it here would make a
        // refusal below look like one of an authenticated caller.
        chain.doFilter(request, response);
    }

    private Optional<Authentication> authenticate(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        if (token.chars().filter(c -> c == '.').count() == 2 && endUsers.isPresent()) {
            return endUsers.get().verify(token)
                    .filter(user -> !sessionEnded.test(new CountEndedSessions(user.sessionId())))
                    .map(ReadApiAuthentication::of);
        }
        return clients.match(token).map(ReadApiAuthentication::of);
    }
}
