package dev.portico.query.api;

import dev.portico.query.projection.ProjectedPosition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read-your-writes on demand. The command-service answers every request that appended events with
 * {@code X-Portico-Consistency: <global index of its last event>}; a read that passes it back (that header or
 * {@code ?consistency=}) is answered only once the read models have projected that event. It waits at most
 * {@code portico.query.consistency-wait} (5 s), then answers 503 {@code ConsistencyTimeout} with
 * {@code Retry-After: 1} rather than stale data the caller asked not to get. The console passes it on after
 * its own changes, so that the page it shows next already shows them.
 */
@Configuration(proxyBeanMethods = false)
public class ConsistencyTokens implements WebMvcConfigurer {
    public static final String HEADER = "X-Portico-Consistency";
    static final String PARAMETER = "consistency";
    private static final int MAX_DIGITS = 18;

    private final ProjectedPosition position;
    private final Duration wait;

    ConsistencyTokens(ProjectedPosition position, ReadApiProperties properties) {
        this.position = position;
        this.wait = properties.consistencyWait();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String token = request.getHeader(HEADER);
                if (token == null) {
                    token = request.getParameter(PARAMETER);
                }
                if (token != null && !position.awaitPassed(parse(token), wait)) {
                    throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.CONSISTENCY_TIMEOUT,
                            "the read models have not reached consistency token " + token + " yet; retry");
                }
                return true;
            }
        }).addPathPatterns("/api/**", "/console/**");
    }

    static long parse(String token) {
        if (token.isEmpty() || token.length() > MAX_DIGITS || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiError.invalidParameter("the consistency token must be the number the command-service sent in "
                    + HEADER);
        }
        return Long.parseLong(token);
    }
}
