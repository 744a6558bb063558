package dev.portico.query.api;

/** The {@code error_code} values of the read API. Callers branch on them, so they never change. */
public enum ErrorCode {
    /** 401: no {@code Authorization: Bearer} header. */
    MISSING_AUTH("MissingAuthReq"),
    /** 401: a bearer token that is not the service token. */
    INVALID_SESSION("InvalidSession"),
    /** 400: a malformed id or paging parameter. */
    INVALID_PARAMETER("InvalidParameter"),
    /** 404: no such user (any more). */
    USER_NOT_FOUND("UserNotFound"),
    /** 404: no such endpoint. */
    NOT_FOUND("NotFound"),
    /** 405: the endpoint exists but not for this method. */
    METHOD_NOT_ALLOWED("MethodNotAllowed"),
    /** 409: a rebuild of the read models is already running. */
    REBUILD_RUNNING("RebuildRunning"),
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
