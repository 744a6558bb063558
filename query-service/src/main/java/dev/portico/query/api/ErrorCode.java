package dev.portico.query.api;

/**
 * The {@code code} property of the read API's problem documents (RFC 9457). Callers branch on it, so a code
 * never changes meaning; new failures get new codes.
 */
public enum ErrorCode {
    /** 401: no {@code Authorization: Bearer} header. */
    MISSING_AUTH("MissingAuthReq"),
    /** 401: a bearer token that is no configured credential and no valid access token. */
    INVALID_SESSION("InvalidSession"),
    /** 403: the credential is valid but does not allow this (a missing scope, another user's data). */
    FORBIDDEN("Forbidden"),
    /** 400: a malformed id, parameter, cursor or consistency token. */
    INVALID_PARAMETER("InvalidParameter"),
    /** 404: no such user (any more). */
    USER_NOT_FOUND("UserNotFound"),
    /** 404: no such endpoint. */
    NOT_FOUND("NotFound"),
    /** 405: the endpoint exists but not for this method. */
    METHOD_NOT_ALLOWED("MethodNotAllowed"),
    /** 409: a rebuild of the read models is already running. */
    REBUILD_RUNNING("RebuildRunning"),
    /** 503: the read models did not reach the requested consistency token in time; retry. */
    CONSISTENCY_TIMEOUT("ConsistencyTimeout"),
    /** 500: a failure of the service itself. */
    INTERNAL("InternalServerError");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
