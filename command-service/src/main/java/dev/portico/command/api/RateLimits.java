package dev.portico.command.api;

import dev.portico.events.AppId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds the requests that create durable state without any credential (anonymous logins, registrations):
 * a token bucket per client address and one per app, in this instance's memory. Over the limit is 429 in the
 * envelope with {@code Retry-After}; realm-web shows it as an error and does not retry.
 */
@Component
public class RateLimits {
    /** What is limited; each has its own buckets. */
    public enum Action { ANONYMOUS_LOGIN, REGISTRATION }

    /**
     * @param perAddress requests a minute from one client address (0: no limit)
     * @param perApp     requests a minute to one app, from all addresses together (0: no limit)
     * @param addresses  client addresses remembered at once; the least recently seen are forgotten first
     */
    @ConfigurationProperties("portico.rate-limits")
    public record Settings(long perAddress, long perApp, int addresses) {
        public Settings {
            addresses = addresses <= 0 ? 100_000 : addresses;
        }
    }

    private final Settings settings;
    private final Map<String, Bucket> buckets;

    public RateLimits(Settings settings) {
        this.settings = settings;
        int capacity = settings.addresses();
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > capacity;
            }
        });
    }

    /** @throws ClientApiException 429 when the address or the app has used up its minute */
    public void acquire(Action action, AppId app, String clientAddress) {
        take(action + "/address/" + app.value() + "/" + clientAddress, settings.perAddress());
        take(action + "/app/" + app.value(), settings.perApp());
    }

    private void take(String key, long perMinute) {
        if (perMinute <= 0) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw new ClientApiException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.TooManyRequests,
                    "too many requests; try again in " + seconds + " s",
                    java.util.Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
    }
}
