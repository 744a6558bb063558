package dev.portico.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * How long a new user takes to show in the read API: the lag a client sees between a write that
 * command-service has answered and the same fact being readable from query-service, which learns of it only by
 * polling the event store. Each sample is one anonymous login (a new user), then reads of
 * {@code GET /api/v1/users/{id}} on the query-service until it answers 200; the lag runs from reading the
 * login's answer to reading that 200. The samples are taken one after another while nothing else runs, so
 * this is the idle lag (the store's poll interval plus the processor's wake-up), not the lag under load.
 */
final class ProjectionLag {
    static final String USERS_PATH = "/api/v1/users/";
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** Between two reads of one user: short next to the lag, and it keeps the reads from loading the service. */
    private static final long READ_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** What the read API says while the user is not projected yet (any other 404 is a wrong URL). */
    private static final byte[] NOT_YET = "\"UserNotFound\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@code lag} holds the samples whose user appeared within the timeout; {@code timeouts} counts the others;
     * {@code reads} counts every read of the read API.
     */
    record Result(int samples, Histogram lag, long reads, long timeouts, String firstTimeout) {

        double millisAt(double percentile) {
            return lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(percentile) / 1e6;
        }

        double maxMillis() {
            return lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1e6;
        }
    }

    private ProjectionLag() {
    }

    static Result measure(Target command, String appId, Target query, String serviceToken, int samples,
            int timeoutMillis, Consumer<String> log) throws ClientApi.Unavailable, IOException {
        log.accept("[projection_lag] " + samples + " new users, each read from " + query.baseUrl() + " until it is there");
        Histogram lag = new Histogram(MAX_LAG_NANOS, 3);
        long reads = 0;
        long timeouts = 0;
        String firstTimeout = null;
        Reply reply = new Reply();
        try (ClientApi api = new ClientApi(command, appId, timeoutMillis);
                Transport readApi = Transport.Kind.RAW.open(query, timeoutMillis)) {
            for (int i = 0; i < samples; i++) {
                String userId = api.anonymousLogin().userId();
                if (userId == null) {
                    throw new ClientApi.Unavailable("the anon-user login answered without a user_id");
                }
                Call read = Call.get(query, USERS_PATH + userId, serviceToken);
                long written = System.nanoTime();
                long deadline = written + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (true) {
                    readApi.exchange(read, reply);
                    reads++;
                    long now = System.nanoTime();
                    if (reply.status == 200) {
                        lag.recordValue(Math.min(now - written, MAX_LAG_NANOS));
                        break;
                    }
                    if (reply.status != 404 || !reply.contains(NOT_YET)) {
                        throw new ClientApi.Unavailable("the read API answered " + read + " with HTTP " + reply.status + " "
                                + ClientApi.abbreviate(reply.text()));
                    }
                    if (now - deadline >= 0) {
                        timeouts++;
                        if (firstTimeout == null) {
                            firstTimeout = "user " + userId + " not in the read API " + timeoutMillis + " ms after its login";
                        }
                        break;
                    }
                    LockSupport.parkNanos(READ_PAUSE_NANOS);
                }
            }
        }
        return new Result(samples, lag, reads, timeouts, firstTimeout);
    }
}
