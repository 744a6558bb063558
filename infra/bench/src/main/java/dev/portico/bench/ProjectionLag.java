package dev.portico.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projection lag under a steady load: mixed commands sent at a fixed rate (an open model: each command
 * has its start time, whether or not the ones before it were answered), and the lag from each event's
 * recording by command-service to its read-model commit and to its Kafka commit, as the query-service's own
 * {@code portico_projection_lag_seconds} histogram measures them. Its buckets are read from
 * {@code /actuator/prometheus} when the measured window opens and again once every event of the window is
 * projected and published; the difference holds exactly the window's events. A percentile is the upper bound
 * of the bucket it falls in (1 ms wide up to 10 ms, 5 ms up to 50 ms, 10 ms up to 120 ms).
 *
 * <p>The commands, in turn: an anonymous login (a new user: registered, identity linked, session issued), a
 * second one, a refresh of an earlier session, the logout of an earlier user (session revoked, user deleted).
 */
final class ProjectionLag {
    static final String METRICS_PATH = "/actuator/prometheus";
    static final String METRIC = "portico_projection_lag_seconds_bucket";
    static final List<String> TARGETS = List.of("read_model", "kafka");
    /** Commands in flight at most: at 200/s, answers within 160 ms keep every start on time. */
    private static final int WORKERS = 32;
    /** A command that starts this much after its time counts as late: the load was not what it says. */
    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long DRAIN_POLL_MILLIS = 500;
    private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final HttpClient SCRAPER = HttpClient.newHttpClient();
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final Pattern TARGET = Pattern.compile("target=\"([^\"]+)\"");

    /** The lag of one target over the window, in milliseconds; {@code events} is how many were measured. */
    record Lags(long events, double p50, double p95, double p99, double max) {
    }

    record Result(double rate, long commands, long errors, long late, double seconds, Map<String, Lags> lags,
            String firstError) {
    }

    private ProjectionLag() {
    }

    static Result measure(Target command, String appId, Target query, double rate, double warmupSeconds,
            double windowSeconds, int timeoutMillis, Consumer<String> log) throws ClientApi.Unavailable, IOException {
        // Checks the query-service's side first, so that a wrong URL reads as such.
        if (!scrape(query, timeoutMillis).keySet().containsAll(TARGETS)) {
            throw new ClientApi.Unavailable(query.baseUrl() + METRICS_PATH + " has no " + METRIC + " for " + TARGETS);
        }
        log.accept(String.format(Locale.ROOT, "[projection_lag] %.0f commands/s: %.0f s warm-up, %.0f s measured",
                rate, warmupSeconds, windowSeconds));
        // The window's schedule starts afresh: commands the warm-up (a cold JIT) left behind are not carried
        // into it, where catching up would be a burst, not the rate.
        Load warmup = new Load(command, appId, rate, timeoutMillis);
        long start = System.nanoTime();
        warmup.start(start, start + (long) (warmupSeconds * 1e9));
        warmup.join();
        Map<String, TreeMap<Double, Double>> before = scrape(query, timeoutMillis);
        Load load = new Load(command, appId, rate, timeoutMillis);
        long windowStart = System.nanoTime();
        load.start(windowStart, windowStart + (long) (windowSeconds * 1e9));
        load.join();
        Load.Counts atEnd = load.counts();
        Map<String, TreeMap<Double, Double>> after = drained(query, timeoutMillis, log);
        Map<String, Lags> lags = new TreeMap<>();
        for (String target : TARGETS) {
            lags.put(target, lags(before.get(target), after.get(target)));
        }
        return new Result(rate, atEnd.commands(), atEnd.errors(), atEnd.late(), windowSeconds, lags,
                warmup.firstError != null ? warmup.firstError : load.firstError);
    }

    /** Scrapes until the histogram's counts stop moving: the window's last events are in. */
    private static Map<String, TreeMap<Double, Double>> drained(Target query, int timeoutMillis, Consumer<String> log)
            throws IOException {
        long deadline = System.nanoTime() + DRAIN_LIMIT_NANOS;
        Map<String, TreeMap<Double, Double>> last = scrape(query, timeoutMillis);
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_POLL_MILLIS));
            Map<String, TreeMap<Double, Double>> now = scrape(query, timeoutMillis);
            if (now.equals(last) || System.nanoTime() - deadline >= 0) {
                if (!now.equals(last)) {
                    log.accept("[projection_lag] the histogram still moved after " + DRAIN_LIMIT_NANOS / 1_000_000_000
                            + " s; measured what was in");
                }
                return now;
            }
            last = now;
        }
    }

    /** The cumulative bucket counts (upper bound in seconds to count) of each target. */
    static Map<String, TreeMap<Double, Double>> scrape(Target query, int timeoutMillis) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(query.baseUrl() + METRICS_PATH))
                .timeout(Duration.ofMillis(timeoutMillis)).header("Accept", "text/plain").GET().build();
        HttpResponse<String> response;
        try {
            response = SCRAPER.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + METRICS_PATH + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static Map<String, TreeMap<Double, Double>> parse(String exposition) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(METRIC + "{")) {
                continue;
            }
            Matcher target = TARGET.matcher(line);
            Matcher le = LE.matcher(line);
            if (!target.find() || !le.find()) {
                continue;
            }
            String bound = le.group(1);
            double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            String[] fields = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+");
            buckets.computeIfAbsent(target.group(1), t -> new TreeMap<>()).put(upper, Double.parseDouble(fields[0]));
        }
        return buckets;
    }

    /** The percentiles of the observations that came between two scrapes of one target's buckets. */
    static Lags lags(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
        TreeMap<Double, Double> window = new TreeMap<>();
        after.forEach((upper, count) -> window.put(upper, count - (before == null ? 0 : before.getOrDefault(upper, 0.0))));
        long total = Math.round(window.getOrDefault(Double.POSITIVE_INFINITY, 0.0));
        return new Lags(total, millisAt(window, total, 0.50), millisAt(window, total, 0.95), millisAt(window, total, 0.99),
                millisAt(window, total, 1.0));
    }

    /** The upper bound of the bucket that holds the percentile (infinite above the last finite bound). */
    private static double millisAt(TreeMap<Double, Double> window, long total, double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        for (Map.Entry<Double, Double> bucket : window.entrySet()) {
            if (Math.round(bucket.getValue()) >= rank) {
                return bucket.getKey() * 1000;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The paced commands, on {@link #WORKERS} threads with a connection each. */
    private static final class Load {
        record Counts(long commands, long errors, long late) {
        }

        private final Target target;
        private final Call login;
        private final double rate;
        private final int timeoutMillis;
        private final AtomicLong next = new AtomicLong();
        private final AtomicLong commands = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong late = new AtomicLong();
        private final Deque<String> refreshTokens = new ConcurrentLinkedDeque<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile String firstError;

        Load(Target target, String appId, double rate, int timeoutMillis) {
            this.target = target;
            this.login = Call.post(target, ClientApi.loginPath(appId, "anon-user"), null, ClientApi.ANONYMOUS_LOGIN_BODY);
            this.rate = rate;
            this.timeoutMillis = timeoutMillis;
        }

        void start(long start, long end) {
            double intervalNanos = 1e9 / rate;
            for (int w = 0; w < WORKERS; w++) {
                Thread thread = new Thread(() -> {
                    Reply reply = new Reply();
                    Transport connection = Transport.Kind.RAW.open(target, timeoutMillis);
                    try {
                        for (long k = next.getAndIncrement(); ; k = next.getAndIncrement()) {
                            long due = start + (long) (k * intervalNanos);
                            if (due - end >= 0) {
                                return;
                            }
                            LockSupport.parkNanos(due - System.nanoTime());
                            if (System.nanoTime() - due > LATE_NANOS) {
                                late.incrementAndGet();
                            }
                            connection = send(k, connection, reply);
                        }
                    } finally {
                        connection.close();
                    }
                }, "projection-lag-" + w);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        /** Sends command {@code k}; answers the connection to go on with (a new one after an I/O failure). */
        private Transport send(long k, Transport connection, Reply reply) {
            String session = k % 4 >= 2 ? refreshTokens.pollFirst() : null;
            Call call = session == null ? login
                    : k % 4 == 2 ? Call.post(target, ClientApi.SESSION_PATH, session, null)
                    : Call.delete(target, ClientApi.SESSION_PATH, session);
            commands.incrementAndGet();
            try {
                connection.exchange(call, reply);
            } catch (IOException e) {
                failed(call + ": " + e);
                connection.close();
                return Transport.Kind.RAW.open(target, timeoutMillis);
            }
            if (!reply.success()) {
                failed(call + " answered HTTP " + reply.status + " " + ClientApi.abbreviate(reply.text()));
            } else if (call == login) {
                String refresh = Json.string(reply.text(), "refresh_token");
                if (refresh != null) {
                    refreshTokens.addLast(refresh);
                }
            } else if (k % 4 == 2) {
                refreshTokens.addLast(session);
            }
            return connection;
        }

        private void failed(String what) {
            errors.incrementAndGet();
            if (firstError == null) {
                firstError = what;
            }
        }

        Counts counts() {
            return new Counts(commands.get(), errors.get(), late.get());
        }

        void join() {
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
