package dev.portico.command.api;

import dev.portico.command.apikey.ApiKeyInUse;
import dev.portico.command.apikey.InvalidApiKeyName;
import dev.portico.command.domain.ApiKeyNotFound;
import dev.portico.command.domain.ApiKeyNotUsable;
import dev.portico.command.domain.ApiKeyRefused;
import dev.portico.command.domain.CustomDataRefused;
import dev.portico.command.domain.IdentityNotLinkable;
import dev.portico.command.domain.UserIsDisabled;
import dev.portico.command.login.UnknownUser;
import dev.portico.command.domain.UserNotFound;
import dev.portico.command.function.FunctionFailed;
import dev.portico.command.function.FunctionNotFound;
import dev.portico.command.login.IdentityClaimedByAnotherUser;
import dev.portico.command.userpass.UserpassRefused;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into the protocol's error envelope with {@code Content-Type: application/json}
 * exactly (core SDKs compare it without a charset). Unexpected failures are logged and told apart from the
 * client's mistakes by status 500, never by a 401 that would send realm-web into its refresh loop.
 */
@RestControllerAdvice
class ClientApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ClientApiErrors.class);

    @ExceptionHandler(ClientApiException.class)
    ResponseEntity<ErrorBody> refused(ClientApiException e) {
        var response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.headers().forEach(response::header);
        return response.body(ErrorBody.of(e.code(), e.getMessage()));
    }

    /** The email/password provider's refusals: one status and code per reason. */
    @ExceptionHandler(UserpassRefused.class)
    ResponseEntity<ErrorBody> userpassRefused(UserpassRefused e) {
        ClientApiException refused = switch (e.reason()) {
            case ACCOUNT_NAME_IN_USE -> new ClientApiException(HttpStatus.CONFLICT, ErrorCode.AccountNameInUse, e.getMessage());
            case TOKEN_INVALID -> new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.UserpassTokenInvalid, e.getMessage());
            case ALREADY_CONFIRMED -> new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.UserAlreadyConfirmed, e.getMessage());
            case USER_NOT_FOUND -> new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.UserNotFound, e.getMessage());
            case BAD_REQUEST -> new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.BadRequest, e.getMessage());
            case INVALID_PARAMETER -> new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter, e.getMessage());
            case FUNCTION_NOT_FOUND -> new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.FunctionNotFound, e.getMessage());
            case FUNCTION_FAILED -> new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.FunctionExecutionError, e.getMessage());
            // As a throttled login: a 401 that is not InvalidSession starts no refresh in realm-web.
            case TOO_MANY_ATTEMPTS -> new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.InvalidPassword,
                    e.getMessage(), e.retryAfter());
            case BUSY -> new ClientApiException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.InternalServerError,
                    e.getMessage(), e.retryAfter());
        };
        return refused(refused);
    }

    @ExceptionHandler(AggregateDeletedException.class)
    ResponseEntity<ErrorBody> userGone(AggregateDeletedException e) {
        return body(HttpStatus.UNAUTHORIZED, ErrorBody.of(ErrorCode.InvalidSession, "invalid session: user not found"));
    }

    @ExceptionHandler(UserIsDisabled.class)
    ResponseEntity<ErrorBody> userDisabled(UserIsDisabled e) {
        return refused(ClientApiException.userDisabled());
    }

    /**
     * A concurrent change of the same user won every attempt ({@code audit.Conflicts}): nothing was written, and
     * the client may simply try again. Not a 401, which would start realm-web's refresh.
     */
    @ExceptionHandler({org.axonframework.modelling.command.ConcurrencyException.class,
            org.springframework.dao.ConcurrencyFailureException.class})
    ResponseEntity<ErrorBody> concurrentChange(Exception e) {
        return refused(new ClientApiException(HttpStatus.CONFLICT, ErrorCode.ConcurrentChange,
                "the user was changed by a concurrent request; try again", java.util.Map.of("Retry-After", "1")));
    }

    @ExceptionHandler(UnknownUser.class)
    ResponseEntity<ErrorBody> unknownUser(UnknownUser e) {
        return body(HttpStatus.NOT_FOUND, ErrorBody.of(ErrorCode.UserNotFound, e.getMessage()));
    }

    /** Atlas answered 500; a client's request that the user refuses is a 400 here. */
    @ExceptionHandler(IdentityNotLinkable.class)
    ResponseEntity<ErrorBody> notLinkable(IdentityNotLinkable e) {
        return body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.BadRequest, e.getMessage()));
    }

    /** Atlas's 401 would send realm-web into an endless refresh loop; the code and text stay Atlas's. */
    @ExceptionHandler(IdentityClaimedByAnotherUser.class)
    ResponseEntity<ErrorBody> claimedElsewhere(IdentityClaimedByAnotherUser e) {
        return body(HttpStatus.CONFLICT, ErrorBody.of(ErrorCode.InvalidSession, e.getMessage()));
    }

    /** Whichever way a key fails to log in, clients hear the same words (App Services' text). */
    @ExceptionHandler(ApiKeyNotUsable.class)
    ResponseEntity<ErrorBody> apiKeyNotUsable(ApiKeyNotUsable e) {
        return body(HttpStatus.UNAUTHORIZED, ErrorBody.of(ErrorCode.AuthError, e.getMessage()));
    }

    /** Unknown, deleted, or another user's: App Services answered all alike. */
    @ExceptionHandler(ApiKeyNotFound.class)
    ResponseEntity<ErrorBody> apiKeyNotFound(ApiKeyNotFound e) {
        return body(HttpStatus.NOT_FOUND, ErrorBody.of(ErrorCode.APIKeyNotFound, "API key not found"));
    }

    @ExceptionHandler(ApiKeyRefused.class)
    ResponseEntity<ErrorBody> apiKeyRefused(ApiKeyRefused e) {
        return e.reason() == ApiKeyRefused.Reason.NAME_TAKEN
                ? body(HttpStatus.CONFLICT, ErrorBody.of(ErrorCode.APIKeyAlreadyExists, e.getMessage()))
                : body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.BadRequest, e.getMessage()));
    }

    @ExceptionHandler(InvalidApiKeyName.class)
    ResponseEntity<ErrorBody> invalidApiKeyName(InvalidApiKeyName e) {
        return body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.InvalidParameter, e.getMessage()));
    }

    /** App Services' status; its code is not known, and no SDK reads one here. */
    @ExceptionHandler(ApiKeyInUse.class)
    ResponseEntity<ErrorBody> apiKeyInUse(ApiKeyInUse e) {
        return body(HttpStatus.FORBIDDEN, ErrorBody.of(ErrorCode.BadRequest, e.getMessage()));
    }

    /** The user is unknown, deleted, or of another app: the service API answers all alike. */
    @ExceptionHandler(UserNotFound.class)
    ResponseEntity<ErrorBody> userNotFound(UserNotFound e) {
        return refused(userNotFound());
    }

    static ClientApiException userNotFound() {
        return new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.UserNotFound, "user not found");
    }

    @ExceptionHandler(CustomDataRefused.class)
    ResponseEntity<ErrorBody> customDataRefused(CustomDataRefused e) {
        return e.reason() == CustomDataRefused.Reason.TOO_LARGE
                ? body(HttpStatus.PAYLOAD_TOO_LARGE, ErrorBody.of(ErrorCode.BadRequest, e.getMessage()))
                : body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.InvalidParameter, e.getMessage()));
    }

    /** App Services' codes (spec 11); the statuses are its recommended ones, never a 401. */
    @ExceptionHandler(FunctionNotFound.class)
    ResponseEntity<ErrorBody> functionNotFound(FunctionNotFound e) {
        return body(HttpStatus.NOT_FOUND, ErrorBody.of(ErrorCode.FunctionNotFound, e.getMessage()));
    }

    @ExceptionHandler(FunctionFailed.class)
    ResponseEntity<ErrorBody> functionFailed(FunctionFailed e) {
        return body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.FunctionExecutionError, e.getMessage()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> noEndpoint(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, ErrorBody.of(ErrorCode.NotFound, "no such endpoint: /" + e.getResourcePath()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED,
                ErrorBody.of(ErrorCode.MethodNotAllowed, "method " + e.getMethod() + " is not allowed here"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.BadRequest, "responses are application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorBody.of(ErrorCode.BadRequest,
                "the request body must be application/json"));
    }

    /** Spring MVC's other refusals of a request (a parameter it cannot read, and the like) are the client's. */
    @ExceptionHandler(org.springframework.web.ErrorResponseException.class)
    ResponseEntity<ErrorBody> refusedBySpring(org.springframework.web.ErrorResponseException e) {
        if (e.getStatusCode().is4xxClientError()) {
            return body(HttpStatus.valueOf(e.getStatusCode().value()), ErrorBody.of(ErrorCode.BadRequest,
                    "invalid request"));
        }
        return unexpected(e);
    }

    @ExceptionHandler({org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.http.converter.HttpMessageNotReadableException.class})
    ResponseEntity<ErrorBody> unreadableRequest(Exception e) {
        return body(HttpStatus.BAD_REQUEST, ErrorBody.of(ErrorCode.BadRequest, "invalid request"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            // Not "failed": when the connection broke at the commit, the database may have committed without
            // saying so. Every client request is safe to send again (a logout repeated is answered as done).
            log.warn("request not completed, the database is unavailable: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorBody.of(ErrorCode.ServiceUnavailable, "the service is unavailable; try again"));
        }
        log.error("request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, ErrorBody.of(ErrorCode.InternalServerError, "internal server error"));
    }

    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                    || t instanceof org.springframework.transaction.CannotCreateTransactionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            // Untranslated, as Axon's event store passes them on: SQLSTATE class 08 (connection exception) and
            // 57P01-57P03 (the server shutting down or starting).
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            // A commit that failed because the server went away, then a rollback on the closed connection: the
            // rollback's failure is thrown, the commit's is kept beside it, or only logged by Spring. The pool's
            // closed connection answers the rollback with an SQLException without SQLSTATE.
            if (t instanceof org.springframework.transaction.TransactionSystemException failed
                    && (failed.getApplicationException() != null && databaseUnavailable(failed.getApplicationException())
                            || failed.getCause() instanceof java.sql.SQLException sql && sql.getSQLState() == null)) {
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<ErrorBody> body(HttpStatus status, ErrorBody body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
