package dev.portico.command.audit;

import java.util.Objects;

/**
 * The request a change came from, for the auditors: its correlation id, and the client's address and user
 * agent (personal data: sealed before it reaches an event).
 */
public record RequestContext(String requestId, String ip, String userAgent) {
    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
    }

    /** Work the service starts by itself, with no request behind it. */
    public static RequestContext system(String requestId) {
        return new RequestContext(requestId, null, null);
    }
}
