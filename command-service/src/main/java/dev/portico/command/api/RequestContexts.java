package dev.portico.command.api;

import dev.portico.command.audit.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads the audit context of a request: its correlation id, the client's address and user agent. */
final class RequestContexts {
    /** A caller's own correlation id is kept when it is a plain token; anything else is replaced. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_USER_AGENT = 512;

    private RequestContexts() {
    }

    static RequestContext of(HttpServletRequest request) {
        String requestId = request.getHeader("X-Request-Id");
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new RequestContext(requestId, request.getRemoteAddr(), userAgent);
    }
}
