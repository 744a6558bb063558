package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The error envelope every SDK parses: {@code {"error": …, "error_code": …}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, @JsonProperty("error_code") String errorCode, String link) {
    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(message, code.name(), null);
    }
}
