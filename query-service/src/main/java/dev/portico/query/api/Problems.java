package dev.portico.query.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The read API's one error format: RFC 9457 problem details ({@code application/problem+json}) with
 * {@code type} {@code about:blank}, {@code title} (the status's reason phrase), {@code status}, {@code detail}
 * (for people; wording may change), {@code instance} (the request's path, when it could be read) and
 * {@code code} (for programs; stable, see {@link ErrorCode}).
 */
final class Problems {
    static final String CODE = "code";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code.wireName());
        return problem;
    }

    /** The same document as a map, for the places that answer before Spring MVC (filters, Tomcat's valve). */
    static Map<String, Object> document(int status, ErrorCode code, String detail) {
        Map<String, Object> document = new LinkedHashMap<>();
        HttpStatus known = HttpStatus.resolve(status);
        document.put("type", "about:blank");
        document.put("title", known == null ? "Error" : known.getReasonPhrase());
        document.put("status", status);
        document.put("detail", detail);
        document.put(CODE, code.wireName());
        return document;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ErrorCode code,
            String detail) throws IOException {
        Map<String, Object> document = document(status.value(), code, detail);
        document.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // Bytes rather than a writer, which would append a charset to the content type.
        response.getOutputStream().write(JSON.writeValueAsBytes(document));
    }
}
