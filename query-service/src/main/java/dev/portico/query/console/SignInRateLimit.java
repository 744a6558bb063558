package dev.portico.query.console;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds sign-in attempts per client address (a token bucket each, in this instance's memory; the least
 * recently seen addresses are forgotten first). Over the limit the attempt is not even checked: 429 and the
 * sign-in page says to wait.
 */
final class SignInRateLimit extends OncePerRequestFilter {
    private static final int ADDRESSES = 10_000;
    private static final String THROTTLED = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Too many sign-in attempts · Portico console</title>
            <link rel="stylesheet" href="/console/assets/console.css"></head>
            <body><main id="main"><h1>Too many sign-in attempts</h1>
            <p role="alert">Wait a minute, then <a href="/console/sign-in">sign in again</a>.</p></main></body></html>
            """;

    private final long perMinute;
    private final Map<String, Bucket> buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > ADDRESSES;
        }
    });

    SignInRateLimit(long perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod())
                && ConsoleSecurityConfiguration.SIGN_IN.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        if (bucket.tryConsume(1)) {
            chain.doFilter(request, response);
        } else {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(THROTTLED);
        }
    }
}
