package dev.portico.query.api;

import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of the read API leaves as the error envelope with a stable code. */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiError.class)
    ResponseEntity<ErrorResponse> apiError(ApiError error) {
        return respond(error.status(), error.code(), error.getMessage());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ErrorResponse> noSuchEndpoint() {
        return respond(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no such endpoint");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorResponse> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED,
                "method " + e.getMethod() + " is not allowed here");
    }

    /** The client asked for a representation other than JSON; the envelope is JSON, so no body. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Void> notAcceptable() {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ApiError error) {
            return apiError(error);
        }
        // Spring MVC's other request errors (unreadable parameters and the like) are the caller's.
        if (cause instanceof org.springframework.web.ErrorResponse mvcError
                && mvcError.getStatusCode().is4xxClientError()) {
            return respond(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_PARAMETER, "invalid request");
        }
        log.error("Request failed", cause);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL, "internal server error");
    }

    static ResponseEntity<ErrorResponse> respond(HttpStatus status, ErrorCode code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorResponse(message, code.wireName()));
    }
}
