package dev.portico.query.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Lets a request to the read API through only with {@code Authorization: Bearer <service token>}. */
class ServiceTokenFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServiceToken token;

    ServiceTokenFilter(ServiceToken token) {
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            reject(response, ErrorCode.MISSING_AUTH, "expected an Authorization header with a Bearer token");
            return;
        }
        if (!token.matches(header.substring(BEARER.length()).trim())) {
            reject(response, ErrorCode.INVALID_SESSION, "invalid service token");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Written by hand: this runs before Spring MVC, so its message converters are not involved. */
    private static void reject(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"portico-query\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        // Bytes rather than a writer, which would append a charset to the content type.
        response.getOutputStream().write(MAPPER.writeValueAsBytes(new ErrorResponse(message, code.wireName())));
    }
}
