package dev.portico.command.api;

/**
 * The {@code error_code} values of the client API. They are the names App Services used (the SDKs map some
 * of them to typed errors) and never change once published; see the module README for when each is used.
 */
public enum ErrorCode {
    InvalidSession,
    MissingAuthReq,
    InvalidPassword,
    AuthError,
    UserDisabled,
    UserNotFound,
    UserAlreadyConfirmed,
    UserpassTokenInvalid,
    AccountNameInUse,
    BadRequest,
    InvalidParameter,
    APIKeyNotFound,
    APIKeyAlreadyExists,
    FunctionNotFound,
    FunctionExecutionError,
    ServiceNotFound,
    AppNotFound,
    AuthProviderNotFound,
    NotFound,
    MethodNotAllowed,
    /** Not App Services': its limits were its own. realm-web shows it as an error and does not retry. */
    TooManyRequests,
    /** Not App Services': a concurrent change of the same user won every retry; nothing was written. */
    ConcurrentChange,
    /**
     * Not App Services': 503, the database is unreachable. A request in flight when it went away may have taken
     * effect (its commit was not confirmed); every client request is safe to send again.
     */
    ServiceUnavailable,
    InternalServerError
}
