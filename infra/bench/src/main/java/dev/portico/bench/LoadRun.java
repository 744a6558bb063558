package dev.portico.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Drives one scenario: N worker threads, each with its own keep-alive connection and one request in flight
 * (a closed loop, as wrk runs), for the warm-up and then the measured window without a pause in between.
 * Only responses that complete inside the window are counted; their latencies (send to last byte) go into
 * a per-worker HdrHistogram, merged at the end. The window closes at its end time, or, with a maximum number
 * of responses, as soon as it has counted that many, whichever comes first: a load bounded in count as well
 * as in time, so that a check of the harness does not depend on how fast the machine is. CPU of the watched
 * processes is sampled at the window's edges, their memory at its end.
 */
final class LoadRun {
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(120);

    /**
     * A process whose CPU time and memory are reported: a service (summed into cpu_pct, maxed into rss_mb) or
     * a backing process (reported on its own); {@code tree} for PostgreSQL (postmaster + backends).
     */
    record Watched(String name, long pid, boolean service, boolean tree) {
    }

    record Result(String scenario, int connections, double seconds, long requests, long non2xx, long invalid,
            long ioErrors, Histogram latency, Map<String, Double> cpuPct, Map<String, Long> rssMb,
            Map<String, Long> peakRssMb, Map<String, double[]> jvmCpuPct, double benchCpuPct, double hostBusyPct, double otherCpuPct, long warmupRequests,
            long warmupErrors, String firstError) {

        long errors() {
            return non2xx + invalid + ioErrors;
        }

        double rps() {
            return requests / seconds;
        }

        double millisAt(double percentile) {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    /** Called just before the measured window opens and right after it closes (for profiling). */
    interface WindowHooks {
        WindowHooks NONE = new WindowHooks() {
        };

        default void beforeWindow(String scenario) {
        }

        default void afterWindow(String scenario) {
        }
    }

    private LoadRun() {
    }

    /** @param maxRequests responses after which the window closes early; 0 for none */
    static Result run(Scenario scenario, Target target, Transport.Kind client, int connections, double warmupSeconds,
            double durationSeconds, long maxRequests, int timeoutMillis, List<Watched> watched, WindowHooks hooks,
            Consumer<String> log) {
        long begin = System.nanoTime();
        long measureStart = begin + (long) (warmupSeconds * 1e9);
        long measureEnd = measureStart + (long) (durationSeconds * 1e9);
        Window window = new Window(measureStart, measureEnd, maxRequests);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            // Spread the workers over the pool as the Keycloak script's Lua does (tid * 97).
            Worker worker = new Worker(scenario, client.open(target, timeoutMillis), (i * 97) % scenario.calls().length,
                    window);
            workers.add(worker);
            Thread thread = new Thread(worker, "bench-" + scenario.name() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        log.accept("[" + scenario.name() + "] warm-up " + fmt(warmupSeconds) + "s, then measuring " + fmt(durationSeconds)
                + "s" + (maxRequests > 0 ? " or " + maxRequests + " responses" : "") + ", " + connections
                + " connections, " + client.name().toLowerCase() + " client");
        threads.forEach(Thread::start);

        parkUntil(measureStart - (long) (Math.min(1.5, warmupSeconds / 2) * 1e9));
        // On its own thread: a slow hook (jcmd on a loaded machine) must not move the CPU sample.
        Thread before = new Thread(() -> hooks.beforeWindow(scenario.name()), "window-hook");
        before.setDaemon(true);
        before.start();
        parkUntil(measureStart);
        long[] cpu0 = sampleCpu(watched);
        long[][] jvm0 = sampleJvmThreads(watched);
        long self0 = ProcStats.cpuTicks(ProcessHandle.current().pid());
        long[] host0 = ProcStats.hostTicks();
        long wall0 = System.nanoTime();
        long warmupRequests = workers.stream().mapToLong(w -> w.warmupRequests).sum();
        long warmupErrors = workers.stream().mapToLong(w -> w.warmupErrors).sum();
        log.accept("[" + scenario.name() + "] warm-up done: " + warmupRequests + " responses, " + warmupErrors
                + " errors; measuring");

        window.awaitClose();
        long[] cpu1 = sampleCpu(watched);
        long[][] jvm1 = sampleJvmThreads(watched);
        long self1 = ProcStats.cpuTicks(ProcessHandle.current().pid());
        long[] host1 = ProcStats.hostTicks();
        // CPU over the interval actually sampled; responses over the window they were counted in.
        double cpuSeconds = (System.nanoTime() - wall0) / 1e9;
        double seconds = (window.closedAt() - measureStart) / 1e9;
        if (window.isFull()) {
            log.accept(String.format(java.util.Locale.ROOT, "[%s] window closed after %d responses, %.3fs", scenario.name(),
                    maxRequests, seconds));
        }
        try {
            before.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hooks.afterWindow(scenario.name());

        Map<String, Double> cpuPct = new LinkedHashMap<>();
        Map<String, Long> rss = new LinkedHashMap<>();
        Map<String, Long> peak = new LinkedHashMap<>();
        Map<String, double[]> jvm = new LinkedHashMap<>();
        for (int i = 0; i < watched.size(); i++) {
            Watched w = watched.get(i);
            if (w.service() && jvm0[i][0] >= 0 && jvm1[i][0] >= 0) {
                jvm.put(w.name(), new double[] {percentOfOneCore(Math.max(0, jvm1[i][0] - jvm0[i][0]), cpuSeconds),
                        percentOfOneCore(Math.max(0, jvm1[i][1] - jvm0[i][1]), cpuSeconds)});
            }
            cpuPct.put(w.name(), cpu0[i] < 0 || cpu1[i] < 0 ? Double.NaN : percentOfOneCore(cpu1[i] - cpu0[i], cpuSeconds));
            if (!w.tree()) {
                rss.put(w.name(), ProcStats.rssMb(w.pid()));
                peak.put(w.name(), ProcStats.peakRssMb(w.pid()));
            }
        }
        double benchCpu = percentOfOneCore(self1 - self0, cpuSeconds);
        double hostBusy = host1[1] > host0[1]
                ? 100.0 * Runtime.getRuntime().availableProcessors() * (host1[0] - host0[0]) / (host1[1] - host0[1]) : 0;
        // Host CPU used by anything not watched here (nor by the generator): noisy neighbours.
        double known = benchCpu + cpuPct.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
        double other = Math.max(0, hostBusy - known);

        for (Thread thread : threads) {
            try {
                thread.join(timeoutMillis + 5_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
        long requests = 0;
        long non2xx = 0;
        long invalid = 0;
        long io = 0;
        String firstError = null;
        for (Worker w : workers) {
            synchronized (w) {
                latency.add(w.latency);
                requests += w.requests;
                non2xx += w.non2xx;
                invalid += w.invalid;
                io += w.ioErrors;
                if (firstError == null) {
                    firstError = w.firstError;
                }
            }
        }
        return new Result(scenario.name(), connections, seconds, requests, non2xx, invalid, io, latency, cpuPct, rss,
                peak, jvm, benchCpu, hostBusy, other, warmupRequests, warmupErrors, firstError);
    }

    private static long[] sampleCpu(List<Watched> watched) {
        long[] ticks = new long[watched.size()];
        for (int i = 0; i < ticks.length; i++) {
            Watched w = watched.get(i);
            ticks[i] = w.tree() ? ProcStats.treeTicks(w.pid()) : ProcStats.cpuTicks(w.pid());
        }
        return ticks;
    }

    private static long[][] sampleJvmThreads(List<Watched> watched) {
        long[][] ticks = new long[watched.size()][];
        for (int i = 0; i < ticks.length; i++) {
            Watched w = watched.get(i);
            ticks[i] = w.service() ? ProcStats.jvmThreadTicks(w.pid()) : new long[] {-1, -1};
        }
        return ticks;
    }

    static double percentOfOneCore(long ticks, double seconds) {
        return 100.0 * ticks / ProcStats.CLOCK_TICKS / seconds;
    }

    private static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /**
     * The measured window, shared by the workers: open from its start to its end time, or until it has counted
     * {@code maxRequests} responses (when that is positive). Past either, workers send nothing more and
     * responses still under way do not count.
     */
    private static final class Window {
        private final long start;
        private final long end;
        private final long maxRequests;
        private final AtomicLong counted = new AtomicLong();
        private final CountDownLatch full = new CountDownLatch(1);
        private long fullAt;

        Window(long start, long end, long maxRequests) {
            this.start = start;
            this.end = end;
            this.maxRequests = maxRequests;
        }

        boolean acceptsRequests(long now) {
            return now - end < 0 && !isFull();
        }

        boolean before(long time) {
            return time - start < 0;
        }

        boolean contains(long time) {
            return !before(time) && time - end < 0 && !isFull();
        }

        /** Whether a response that completed at {@code done} counts; it takes one of the places if there is a limit. */
        boolean count(long done) {
            if (!contains(done)) {
                return false;
            }
            if (maxRequests <= 0) {
                return true;
            }
            long n = counted.incrementAndGet();
            if (n == maxRequests) {
                fullAt = System.nanoTime();
                full.countDown(); // publishes fullAt
            }
            return n <= maxRequests;
        }

        boolean isFull() {
            return full.getCount() == 0;
        }

        /** Until the end time, or until the window has counted its responses. */
        void awaitClose() {
            long left;
            while ((left = end - System.nanoTime()) > 0) {
                try {
                    if (full.await(left, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        long closedAt() {
            return isFull() ? Math.min(fullAt, end) : end;
        }
    }

    /** One connection, one request in flight. */
    private static final class Worker implements Runnable {
        private final Scenario scenario;
        private final Transport transport;
        private final Window window;
        private final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
        private int next;
        private volatile long warmupRequests;
        private volatile long warmupErrors;
        private long requests;
        private long non2xx;
        private long invalid;
        private long ioErrors;
        private String firstError;

        Worker(Scenario scenario, Transport transport, int offset, Window window) {
            this.scenario = scenario;
            this.transport = transport;
            this.next = offset;
            this.window = window;
        }

        @Override
        public void run() {
            Call[] calls = scenario.calls();
            Reply reply = new Reply();
            try {
                synchronized (this) {
                    while (true) {
                        long start = System.nanoTime();
                        if (!window.acceptsRequests(start)) {
                            break;
                        }
                        Call call = calls[next];
                        next = next + 1 == calls.length ? 0 : next + 1;
                        IOException failure = null;
                        try {
                            transport.exchange(call, reply);
                        } catch (IOException e) {
                            failure = e;
                        }
                        long done = System.nanoTime();
                        String error = failure != null ? call + ": " + failure
                                : !reply.success() ? call + ": HTTP " + reply.status + " " + ClientApi.abbreviate(reply.text())
                                : !scenario.valid(reply) ? call + ": unexpected body " + ClientApi.abbreviate(reply.text())
                                : null;
                        if (window.before(done)) {
                            warmupRequests++;
                            if (error != null) {
                                warmupErrors++;
                            }
                        } else if (failure != null) {
                            if (window.contains(done)) {
                                ioErrors++;
                            }
                        } else if (window.count(done)) {
                            requests++;
                            latency.recordValue(Math.min(done - start, MAX_LATENCY_NANOS));
                            if (!reply.success()) {
                                non2xx++;
                            } else if (error != null) {
                                invalid++;
                            }
                        }
                        if (error != null && firstError == null) {
                            firstError = error;
                        }
                        if (failure != null) {
                            // A refused or broken connection must not turn into a busy loop.
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        }
                    }
                }
            } finally {
                transport.close();
            }
        }
    }
}
