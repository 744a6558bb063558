package dev.portico.command.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards its own errors to (a malformed URI, headers too large, …), in the
 * protocol's envelope rather than Spring Boot's default page. Asked for directly, {@code /error} is no
 * endpoint at all.
 */
@RestController
class ErrorEndpoint implements ErrorController {
    @RequestMapping("/error")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null) {
            return ClientApiErrors.body(HttpStatus.NOT_FOUND, ErrorBody.of(ErrorCode.NotFound, "no such endpoint: /error"));
        }
        if (status.is5xxServerError()) {
            return ClientApiErrors.body(status, ErrorBody.of(ErrorCode.InternalServerError, "internal server error"));
        }
        return ClientApiErrors.body(status, ErrorBody.of(status == HttpStatus.NOT_FOUND ? ErrorCode.NotFound
                : ErrorCode.BadRequest, "the request was refused: " + status.getReasonPhrase().toLowerCase()));
    }
}
