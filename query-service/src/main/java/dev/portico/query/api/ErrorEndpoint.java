package dev.portico.query.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards its own errors to, as the read API's problem document rather than Spring Boot's
 * default page. Asked for directly, {@code /error} is no endpoint at all.
 */
@RestController
class ErrorEndpoint implements ErrorController {
    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || status == HttpStatus.NOT_FOUND) {
            return ApiExceptionHandler.respond(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "no such endpoint");
        }
        if (status.is5xxServerError()) {
            return ApiExceptionHandler.respond(status, ErrorCode.INTERNAL, "internal server error");
        }
        return ApiExceptionHandler.respond(status, ErrorCode.INVALID_PARAMETER,
                "the request was refused: " + status.getReasonPhrase().toLowerCase());
    }
}
