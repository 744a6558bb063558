package dev.portico.query.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error envelope of the client API, used here too so that callers parse one shape. */
public record ErrorResponse(@JsonProperty("error") String error, @JsonProperty("error_code") String errorCode) {
}
