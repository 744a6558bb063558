package dev.portico.query.api;

import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of the read API leaves as a problem document with a stable code; nothing internal in it. */
@RestControllerAdvice
public class ApiExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiError.class)
    ResponseEntity<ProblemDetail> apiError(ApiError error) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(error.status());
        if (error.code() == ErrorCode.CONSISTENCY_TIMEOUT) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(error.status(), error.code(), error.getMessage()));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> noSuchEndpoint() {
        return respond(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no such endpoint");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED,
                "method " + e.getMethod() + " is not allowed here");
    }

    /** The client asked for a representation other than JSON; problem documents are JSON, so no body. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Void> notAcceptable() {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
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

    static ResponseEntity<ProblemDetail> respond(HttpStatus status, ErrorCode code, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, code, detail));
    }
}
