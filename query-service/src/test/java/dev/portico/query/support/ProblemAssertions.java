package dev.portico.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.testsupport.ClientApi.Response;

/** The read API's one error format: an RFC 9457 problem document with a stable {@code code}. */
public final class ProblemAssertions {
    private ProblemAssertions() {
    }

    public static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.raw().uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        JsonNode body = response.json();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).isEqualTo("about:blank");
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
