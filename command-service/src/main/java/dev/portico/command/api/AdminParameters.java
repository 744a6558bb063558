package dev.portico.command.api;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;
import org.springframework.http.HttpStatus;

/**
 * Reads the operator API's path and query parameters before any work: typed ids and bounded numbers, or a 400
 * {@code InvalidParameter} naming the parameter.
 */
final class AdminParameters {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;

    private AdminParameters() {
    }

    static UserId userId(String value) {
        if (value == null || !value.matches("[0-9a-f]{24}")) {
            throw invalid("userId must be 24 lower-case hex digits");
        }
        return new UserId(value);
    }

    static ApiKeyId apiKeyId(String name, String value) {
        if (value == null || !value.matches("[0-9a-f]{24}")) {
            throw invalid(name + " must be 24 lower-case hex digits");
        }
        return new ApiKeyId(value);
    }

    /** A page size: absent is the default; otherwise 1 to {@value #MAX_PAGE}. */
    static int limit(String value) {
        if (value == null) {
            return DEFAULT_PAGE;
        }
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_PAGE) {
            throw invalid("limit must be a whole number from 1 to " + MAX_PAGE);
        }
        return Integer.parseInt(value);
    }

    static ClientApiException invalid(String message) {
        return new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter, message);
    }
}
