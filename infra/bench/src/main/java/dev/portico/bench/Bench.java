package dev.portico.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The load generator's command line. It drives a running Portico over HTTP on loopback and prints, on
 * standard output and nothing else there, one line for the machine's ceilings, one per scenario and one for the
 * projection lag (with {@code --query-url}):
 *
 * <pre>
 * ours ceiling pg_insert_commits_per_s=… argon2id_per_s=… cores=2
 * ours anon_login rps=… p50_ms=… p99_ms=… errors=… cpu_pct=… rss_mb=… [more fields]
 * ours projection_lag rate=… window_s=… commands=… errors=… late=… kafka_p50_ms=… kafka_p95_ms=… kafka_p99_ms=…
 *      kafka_max_ms=… kafka_events=… read_model_p50_ms=… (the same four) read_model_events=…
 * </pre>
 *
 * Progress goes to standard error. See infra/bench/README.md for the options.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(Options.parse(args), System.out, System.err);
        } catch (IllegalArgumentException e) {
            if ("help".equals(e.getMessage())) {
                System.out.println(Options.USAGE);
                status = 0;
            } else {
                System.err.println("bench: " + e.getMessage());
                System.err.println(Options.USAGE);
                status = 2;
            }
        }
        System.exit(status);
    }

    /** Runs the ceilings and the scenarios; returns the exit status (0 when every line could be produced). */
    public static int run(Options options, PrintStream out, PrintStream err) {
        Consumer<String> log = message -> err.printf(Locale.ROOT, "[%tT] %s%n", System.currentTimeMillis(), message);
        int status = 0;

        if (!options.readyMillis.isEmpty() || !options.startupLogs.isEmpty()) {
            out.println(Startup.line(options.label, options.readyMillis, options.startupLogs));
            out.flush();
        }
        if (options.ceilingSeconds > 0) {
            String pg = "na";
            String pgSettings = "";
            if (options.dbUrl != null) {
                try {
                    Ceilings.PgInsertRate rate = Ceilings.pgInsertCommitsPerSecond(options.dbUrl, options.dbUser,
                            options.dbPassword, options.ceilingSeconds, log);
                    pg = format1(rate.commitsPerSecond());
                    pgSettings = " pg_synchronous_commit=" + rate.synchronousCommit() + " pg_fsync=" + rate.fsync()
                            + " pg_version=" + rate.version();
                } catch (Exception e) {
                    log.accept("[ceiling] PostgreSQL insert measurement failed: " + e);
                    status = 1;
                }
            } else {
                log.accept("[ceiling] no --db-url: PostgreSQL insert rate not measured");
            }
            String argon2 = "na";
            try {
                argon2 = format1(Ceilings.argon2idPerSecond(options.cores, options.ceilingSeconds, log));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println(options.label + " ceiling pg_insert_commits_per_s=" + pg + " argon2id_per_s=" + argon2
                    + " cores=" + options.cores + " argon2id_params=t" + Ceilings.ARGON2_ITERATIONS + ",m"
                    + Ceilings.ARGON2_MEMORY_KIB + "KiB,p" + Ceilings.ARGON2_PARALLELISM + pgSettings);
            out.flush();
        }

        Target target = Target.of(options.baseUrl);
        Workloads workloads = new Workloads(target, options.appId, options.pool, Math.max(2, options.connections),
                options.timeoutMillis, options.noopPath, log);
        List<LoadRun.Watched> watched = new ArrayList<>();
        options.pids.forEach((name, pid) -> watched.add(new LoadRun.Watched(name, pid, true, false)));
        options.auxPids.forEach((name, pid) -> watched.add(new LoadRun.Watched(name, pid, false, false)));
        if (options.pgPid > 0) {
            watched.add(new LoadRun.Watched("pg", options.pgPid, false, true));
        }
        for (String name : options.scenarios) {
            Scenario scenario;
            try {
                log.accept("[" + name + "] setting up");
                scenario = workloads.prepare(name);
            } catch (ClientApi.Unavailable e) {
                log.accept("[" + name + "] cannot be set up: " + e.getMessage());
                out.println(options.label + " " + name + " skipped reason=" + Json.quote(e.getMessage()));
                out.flush();
                status = 1;
                continue;
            } catch (java.io.IOException e) {
                log.accept("[" + name + "] set-up failed: " + e);
                out.println(options.label + " " + name + " skipped reason=" + Json.quote("set-up failed: " + e));
                out.flush();
                status = 1;
                continue;
            }
            LoadRun.WindowHooks hooks = options.jfrDir == null ? LoadRun.WindowHooks.NONE
                    : new JfrRecorder(java.nio.file.Path.of(options.jfrDir), options.pids, log);
            LoadRun.Result result = LoadRun.run(scenario, target, options.client, options.connections,
                    options.warmupSeconds, options.durationSeconds, options.maxRequests, options.timeoutMillis, watched,
                    hooks, log);
            if (result.firstError() != null) {
                log.accept("[" + name + "] first error: " + result.firstError());
            }
            out.println(line(options.label, result, options.pids.keySet(), options.auxPids.keySet(), options.pgPid > 0));
            out.flush();
        }
        if (options.queryUrl != null && options.lagSeconds > 0) {
            status = Math.max(status, projectionLag(options, target, out, log));
        }
        return status;
    }

    /**
     * Measured after the scenarios, on services whose JIT has compiled the login path: the lag from commit to
     * read model and to Kafka under a paced load. Returns 1 when it cannot be measured (a wrong URL, say), as a
     * scenario that cannot be set up does.
     */
    private static int projectionLag(Options options, Target command, PrintStream out, Consumer<String> log) {
        String prefix = options.label + " projection_lag";
        try {
            ProjectionLag.Result lag = ProjectionLag.measure(command, options.appId, Target.of(options.queryUrl),
                    options.lagRate, options.lagWarmupSeconds, options.lagSeconds, options.timeoutMillis, log);
            if (lag.firstError() != null) {
                log.accept("[projection_lag] first error: " + lag.firstError());
            }
            StringBuilder line = new StringBuilder(prefix).append(" rate=").append(format1(lag.rate()))
                    .append(" window_s=").append(format1(lag.seconds()))
                    .append(" commands=").append(lag.commands())
                    .append(" errors=").append(lag.errors())
                    .append(" late=").append(lag.late());
            lag.lags().forEach((target, l) -> line.append(' ').append(target).append("_p50_ms=").append(bucket(l.p50()))
                    .append(' ').append(target).append("_p95_ms=").append(bucket(l.p95()))
                    .append(' ').append(target).append("_p99_ms=").append(bucket(l.p99()))
                    .append(' ').append(target).append("_max_ms=").append(bucket(l.max()))
                    .append(' ').append(target).append("_events=").append(l.events()));
            out.println(line);
            out.flush();
            return 0;
        } catch (ClientApi.Unavailable e) {
            log.accept("[projection_lag] cannot be measured: " + e.getMessage());
            out.println(prefix + " skipped reason=" + Json.quote(e.getMessage()));
        } catch (java.io.IOException e) {
            log.accept("[projection_lag] failed: " + e);
            out.println(prefix + " skipped reason=" + Json.quote("failed: " + e));
        }
        out.flush();
        return 1;
    }

    /** A bucket's upper bound; {@code inf} beyond the last finite one. */
    private static String bucket(double millis) {
        return Double.isInfinite(millis) ? "inf" : format2(millis);
    }

    /** The result line: the required fields first, in the required order, then details. */
    static String line(String label, LoadRun.Result r, Iterable<String> services, Iterable<String> aux, boolean pg) {
        StringBuilder s = new StringBuilder(256);
        double cpuSum = 0;
        long rssMax = -1;
        boolean haveCpu = false;
        for (String service : services) {
            Double cpu = r.cpuPct().get(service);
            if (cpu != null && !cpu.isNaN()) {
                cpuSum += cpu;
                haveCpu = true;
            }
            rssMax = Math.max(rssMax, r.rssMb().getOrDefault(service, -1L));
        }
        s.append(label).append(' ').append(r.scenario())
                .append(" rps=").append(format1(r.rps()))
                .append(" p50_ms=").append(format2(r.millisAt(50)))
                .append(" p99_ms=").append(format2(r.millisAt(99)))
                .append(" errors=").append(r.errors())
                .append(" cpu_pct=").append(haveCpu ? format0(cpuSum) : "na")
                .append(" rss_mb=").append(rssMax >= 0 ? Long.toString(rssMax) : "na");
        s.append(" requests=").append(r.requests())
                .append(" p90_ms=").append(format2(r.millisAt(90)))
                .append(" max_ms=").append(format2(r.latency().getTotalCount() == 0 ? 0 : r.latency().getMaxValue() / 1e6))
                .append(" non2xx=").append(r.non2xx())
                .append(" invalid=").append(r.invalid())
                .append(" io_errors=").append(r.ioErrors())
                .append(" conns=").append(r.connections())
                .append(" duration_s=").append(format1(r.seconds()));
        for (String service : services) {
            Double cpu = r.cpuPct().get(service);
            s.append(' ').append(service).append("_cpu_pct=").append(cpu == null || cpu.isNaN() ? "na" : format0(cpu));
            long rss = r.rssMb().getOrDefault(service, -1L);
            long peak = r.peakRssMb().getOrDefault(service, -1L);
            s.append(' ').append(service).append("_rss_mb=").append(rss >= 0 ? Long.toString(rss) : "na");
            s.append(' ').append(service).append("_peak_rss_mb=").append(peak >= 0 ? Long.toString(peak) : "na");
            double[] jvm = r.jvmCpuPct().get(service);
            if (jvm != null) {
                // Of the service's CPU: JIT compiler threads (high = not warmed up yet) and GC/VM threads.
                s.append(' ').append(service).append("_jit_cpu_pct=").append(format0(jvm[0]));
                s.append(' ').append(service).append("_gc_cpu_pct=").append(format0(jvm[1]));
            }
        }
        for (String process : aux) {
            Double cpu = r.cpuPct().get(process);
            s.append(' ').append(process).append("_cpu_pct=").append(cpu == null || cpu.isNaN() ? "na" : format0(cpu));
            long rss = r.rssMb().getOrDefault(process, -1L);
            s.append(' ').append(process).append("_rss_mb=").append(rss >= 0 ? Long.toString(rss) : "na");
        }
        if (pg) {
            Double cpu = r.cpuPct().get("pg");
            s.append(" pg_cpu_pct=").append(cpu == null || cpu.isNaN() ? "na" : format0(cpu));
        }
        s.append(" bench_cpu_pct=").append(format0(r.benchCpuPct()))
                .append(" host_busy_pct=").append(format0(r.hostBusyPct()))
                .append(" other_cpu_pct=").append(format0(r.otherCpuPct()));
        if (haveCpu && cpuSum > 0) {
            // Requests per second of service CPU time: robust against noisy neighbours, like the Keycloak
            // script's req_per_kc_cpu_s.
            s.append(" req_per_cpu_s=").append(format1(r.requests() / (cpuSum / 100.0 * r.seconds())));
        }
        return s.toString();
    }

    static String format0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String format1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String format2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Command-line options; every option also has a default suitable for a development machine. */
    public static final class Options {
        static final String USAGE = String.join("\n",
                "usage: java -jar portico-bench-exec.jar [options]",
                "  --base-url URL        the command-service (default http://127.0.0.1:8080; loopback only)",
                "  --app-id ID           client app id (default portico-dev)",
                "  --conns N             connections = worker threads (default 2)",
                "  --warmup-s S          warm-up seconds per scenario (default 10)",
                "  --duration-s S        measured seconds per scenario (default 25)",
                "  --max-requests N      close the measured window after N responses if its time is not up yet",
                "                        (default 0: no limit)",
                "  --scenarios 'A B'     anon_login refresh_token profile password_login api_key_login noop, or none",
                "                        (default 'anon_login refresh_token profile')",
                "  --pool N              sessions / users / keys in the scenario pools (default 200)",
                "  --pid NAME=PID        a service process to report CPU and memory of (repeatable)",
                "  --aux-pid NAME=PID    a backing process (the dev stack's Kafka) reported on its own (repeatable)",
                "  --pg-pid PID          the PostgreSQL postmaster (its CPU, with its backends, as pg_cpu_pct)",
                "  --db-url JDBC --db-user U --db-password P   database for the insert ceiling",
                "  --ceiling-s S         seconds per ceiling measurement; 0 skips the ceilings (default 5)",
                "  --cores N             threads for the Argon2id ceiling (default: available processors)",
                "  --client raw|jdk      HTTP client of the workers (default raw)",
                "  --timeout-s S         request timeout (default 10)",
                "  --path PATH           the path the noop scenario GETs (default /actuator/health)",
                "  --label L             first word of every line (default ours)",
                "  --query-url URL       the query-service: measure the projection lag after the scenarios (loopback only) from its",
                "                        portico_projection_lag_seconds buckets at /actuator/prometheus",
                "  --lag-rate R          commands per second of the projection lag's load (default 200)",
                "  --lag-s S             its measured seconds (default 30; 0 skips the projection lag)",
                "  --lag-warmup-s S      its warm-up seconds (default 30)",
                "  --ready-ms NAME=MS    a service's time from process start to healthy: print a startup line (repeatable)",
                "  --startup-log NAME=PATH   a service's log, for the JVM's own start-up time in that line (repeatable)",
                "  --jfr-dir DIR         record each measured window with JFR in every --pid service (via jcmd)",
                "                        and write DIR/<scenario>-<service>.jfr and a .txt summary of hot methods");

        String baseUrl = "http://127.0.0.1:8080";
        String appId = "portico-dev";
        int connections = 2;
        double warmupSeconds = 10;
        double durationSeconds = 25;
        long maxRequests;
        List<String> scenarios = List.of("anon_login", "refresh_token", "profile");
        int pool = 200;
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Long> auxPids = new LinkedHashMap<>();
        Map<String, Long> readyMillis = new LinkedHashMap<>();
        Map<String, String> startupLogs = new LinkedHashMap<>();
        long pgPid;
        String dbUrl;
        String dbUser = "postgres";
        String dbPassword = "postgres";
        double ceilingSeconds = 5;
        int cores = Runtime.getRuntime().availableProcessors();
        Transport.Kind client = Transport.Kind.RAW;
        int timeoutMillis = 10_000;
        String noopPath = "/actuator/health";
        String label = "ours";
        String jfrDir;
        String queryUrl;
        double lagRate = 200;
        double lagSeconds = 30;
        double lagWarmupSeconds = 30;

        public static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value;
                int eq = arg.indexOf('=');
                String key = eq > 0 && arg.startsWith("--") ? arg.substring(0, eq) : arg;
                if (eq > 0 && arg.startsWith("--")) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                switch (key) {
                    case "--base-url" -> o.baseUrl = value;
                    case "--app-id" -> o.appId = value;
                    case "--conns" -> o.connections = positive(key, Integer.parseInt(value));
                    case "--warmup-s" -> o.warmupSeconds = nonNegative(key, Double.parseDouble(value));
                    case "--duration-s" -> o.durationSeconds = positive(key, Double.parseDouble(value));
                    case "--max-requests" -> o.maxRequests = nonNegative(key, Integer.parseInt(value));
                    case "--scenarios" -> o.scenarios = scenarios(value);
                    case "--pool" -> o.pool = positive(key, Integer.parseInt(value));
                    case "--pid", "--aux-pid" -> {
                        String name = name(key, value, "PID");
                        ("--pid".equals(key) ? o.pids : o.auxPids).put(name, Long.parseLong(value.substring(name.length() + 1)));
                    }
                    case "--ready-ms" -> {
                        String name = name(key, value, "MS");
                        o.readyMillis.put(name, (long) nonNegative(key, Integer.parseInt(value.substring(name.length() + 1))));
                    }
                    case "--startup-log" -> {
                        String name = name(key, value, "PATH");
                        o.startupLogs.put(name, value.substring(name.length() + 1));
                    }
                    case "--pg-pid" -> o.pgPid = Long.parseLong(value);
                    case "--db-url" -> o.dbUrl = value.isBlank() ? null : value;
                    case "--db-user" -> o.dbUser = value;
                    case "--db-password" -> o.dbPassword = value;
                    case "--ceiling-s" -> o.ceilingSeconds = nonNegative(key, Double.parseDouble(value));
                    case "--cores" -> o.cores = positive(key, Integer.parseInt(value));
                    case "--client" -> o.client = Transport.Kind.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--timeout-s" -> o.timeoutMillis = (int) (positive(key, Double.parseDouble(value)) * 1000);
                    case "--path" -> o.noopPath = value;
                    case "--label" -> o.label = value;
                    case "--jfr-dir" -> o.jfrDir = value.isBlank() ? null : value;
                    case "--query-url" -> o.queryUrl = value.isBlank() ? null : value;
                    case "--lag-rate" -> o.lagRate = positive(key, Double.parseDouble(value));
                    case "--lag-s" -> o.lagSeconds = nonNegative(key, Double.parseDouble(value));
                    case "--lag-warmup-s" -> o.lagWarmupSeconds = nonNegative(key, Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown option " + key);
                }
            }
            Target.of(o.baseUrl); // validates: http, loopback
            if (o.queryUrl != null) {
                Target.of(o.queryUrl);
            }
            return o;
        }

        /** The NAME of a NAME=VALUE option. */
        private static String name(String key, String value, String what) {
            int at = value.indexOf('=');
            if (at <= 0 || !value.substring(0, at).matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(key + " wants NAME=" + what + " (name in lower case), got " + value);
            }
            return value.substring(0, at);
        }

        private static List<String> scenarios(String value) {
            if ("none".equals(value.trim())) {
                return List.of();
            }
            List<String> list = new ArrayList<>();
            for (String name : value.trim().split("[\\s,]+")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (!Workloads.KNOWN.contains(name)) {
                    throw new IllegalArgumentException("unknown scenario '" + name + "'; known: "
                            + String.join(" ", Workloads.KNOWN));
                }
                list.add(name);
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no scenarios");
            }
            return List.copyOf(list);
        }

        private static int positive(String key, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException(key + " must be positive");
            }
            return v;
        }

        private static double positive(String key, double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(key + " must be positive");
            }
            return v;
        }

        private static int nonNegative(String key, int v) {
            if (v < 0) {
                throw new IllegalArgumentException(key + " must not be negative");
            }
            return v;
        }

        private static double nonNegative(String key, double v) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException(key + " must not be negative");
            }
            return v;
        }
    }
}
