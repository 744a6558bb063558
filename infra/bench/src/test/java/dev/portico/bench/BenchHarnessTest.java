package dev.portico.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works: it counts what it measured, parses its options, sets scenarios up as documented and
 * prints its lines in the documented format. Not how fast anything is: the generator runs against
 * {@link FakePortico} on 127.0.0.1, its windows closed by a number of responses ({@code --max-requests}) so
 * that what is checked does not depend on the machine's speed, with a time limit behind it that is only a
 * failure guard. So this costs little in every build; measuring the real services, with real windows and
 * JFR, is for {@code infra/bench/run.sh}.
 */
// A failure guard only, above the windows' own time limits: a generator that hung would otherwise hang the build.
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchHarnessTest {
    private static final Pattern SCENARIO_LINE = Pattern.compile(
            "^ours (\\w+) rps=(\\d+\\.\\d) p50_ms=(\\d+\\.\\d\\d) p99_ms=(\\d+\\.\\d\\d) errors=(\\d+) cpu_pct=(\\d+|na) rss_mb=(\\d+|na)"
                    + " requests=(\\d+)( [a-z0-9_]+=\\S+)*$");
    private static final Pattern CEILING_LINE = Pattern.compile(
            "^ours ceiling pg_insert_commits_per_s=(\\S+) argon2id_per_s=(\\d+\\.\\d) cores=(\\d+)( [a-z0-9_]+=\\S+)*$");
    private static final Pattern LAG_LINE = Pattern.compile(
            "^ours projection_lag rate=(\\d+\\.\\d) window_s=(\\d+\\.\\d) commands=(\\d+) errors=(\\d+) late=(\\d+)"
                    + " kafka_p50_ms=(\\S+) kafka_p95_ms=(\\S+) kafka_p99_ms=(\\S+) kafka_max_ms=(\\S+) kafka_events=(\\d+)"
                    + " read_model_p50_ms=(\\S+) read_model_p95_ms=(\\S+) read_model_p99_ms=(\\S+) read_model_max_ms=(\\S+)"
                    + " read_model_events=(\\d+)$");

    /** The time limit of windows that a number of responses closes: a failure guard, never reached when all is well. */
    private static final String GUARD_S = "30";

    private static FakePortico portico;

    @BeforeAll
    static void startFakePortico() throws IOException {
        portico = new FakePortico();
    }

    @AfterAll
    static void stopFakePortico() {
        if (portico != null) {
            portico.close();
        }
    }

    @Test
    void countsEveryResponseOfTheWindowOnceAndNothingElse() {
        long before = portico.answered(FakePortico.LOGIN);
        Run run = run("--base-url", portico.baseUrl(), "--app-id", FakePortico.APP, "--scenarios", "anon_login",
                "--conns", "2", "--warmup-s", "0", "--max-requests", "200", "--duration-s", GUARD_S, "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.lines).as(run.err).hasSize(1);
        Matcher m = scenarioLine(run.lines.get(0));
        assertThat(m.group(8)).as("responses in the window").isEqualTo("200");
        assertThat(Long.parseLong(m.group(5))).as("errors").isZero();
        // The server answered the set-up's one check login, the 200 counted responses, and at most one more per
        // connection: a request under way when the window closed, which must not count.
        long served = portico.answered(FakePortico.LOGIN) - before;
        assertThat(served - 1 - 200).as("served %d", served).isBetween(0L, 2L);
        assertThat(Double.parseDouble(m.group(2))).as("rps").isPositive();
        assertThat(Double.parseDouble(m.group(3))).as("p50 <= p99").isLessThanOrEqualTo(Double.parseDouble(m.group(4)));
        assertThat(run.lines.get(0)).contains(" conns=2 ", " non2xx=0 ", " invalid=0 ", " io_errors=0 ");
        assertThat(run.err).contains("window closed after 200 responses");
    }

    @Test
    void aWindowThatItsCountDoesNotCloseEndsOnTime() {
        Run run = run("--base-url", portico.baseUrl(), "--scenarios", "noop", "--conns", "1", "--warmup-s", "0",
                "--max-requests", "100000000", "--duration-s", "0.2", "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        Matcher m = scenarioLine(run.lines.get(0));
        assertThat(Long.parseLong(m.group(8))).isLessThan(100_000_000L);
        assertThat(run.lines.get(0)).contains(" duration_s=0.2 ");
        assertThat(run.err).doesNotContain("window closed after");
    }

    @Test
    void setsEachScenarioUpAndPrintsOneWellFormedLinePerScenarioInOrder() {
        List<String> scenarios = List.of("anon_login", "refresh_token", "profile");
        long refreshesBefore = portico.answered(FakePortico.REFRESH);
        Run run = run("--base-url", portico.baseUrl(), "--app-id", FakePortico.APP, "--conns", "2", "--warmup-s", "0.05",
                "--max-requests", "20", "--duration-s", GUARD_S, "--pool", "5", "--scenarios", String.join(" ", scenarios),
                "--pid", "command=" + ProcessHandle.current().pid(), "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.lines).as(run.err).hasSize(scenarios.size());
        for (int i = 0; i < scenarios.size(); i++) {
            String line = run.lines.get(i);
            Matcher m = scenarioLine(line);
            assertThat(m.group(1)).isEqualTo(scenarios.get(i));
            assertThat(m.group(8)).as(line).isEqualTo("20");
            // The fake refuses refresh tokens it did not issue, and access tokens that did not come from a
            // refresh: no errors means the pools and the fresh access tokens were made as documented.
            assertThat(Long.parseLong(m.group(5))).as(line + "\n" + run.err).isZero();
            assertThat(m.group(6)).as("cpu_pct of the --pid process").isNotEqualTo("na");
            assertThat(line).contains(" command_cpu_pct=", " command_rss_mb=", " bench_cpu_pct=");
        }
        assertThat(run.err).contains("creating a pool of 5 sessions", "refreshing the access tokens of 5 sessions");
        assertThat(portico.answered(FakePortico.REFRESH) - refreshesBefore)
                .as("the profile's fresh access tokens plus the refresh_token scenario's requests")
                .isGreaterThan(5);
    }

    @Test
    void printsTheCeilingsAndFailsWhenOneCannotBeMeasured() throws IOException {
        Run run = run("--base-url", portico.baseUrl(), "--scenarios", "noop", "--conns", "1", "--warmup-s", "0",
                "--duration-s", "0.1", "--ceiling-s", "0.05", "--cores", "1",
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/portico");

        assertThat(run.status).as("a ceiling failed").isEqualTo(1);
        assertThat(run.lines).as(run.err).hasSize(2);
        Matcher ceiling = CEILING_LINE.matcher(run.lines.get(0));
        assertThat(ceiling.matches()).as(run.lines.get(0)).isTrue();
        assertThat(ceiling.group(1)).isEqualTo("na");
        assertThat(Double.parseDouble(ceiling.group(2))).as("at least one hash was timed").isPositive();
        assertThat(ceiling.group(3)).isEqualTo("1");
        assertThat(run.lines.get(0)).contains(" argon2id_params=t5,m7168KiB,p1");
        assertThat(run.err).contains("PostgreSQL insert measurement failed");
        assertThat(run.lines.get(1)).startsWith("ours noop rps=");
    }

    @Test
    void pacesMixedCommandsAndTakesTheWindowsLagFromTheQueryServicesBuckets() {
        long logoutsBefore = portico.answered(FakePortico.LOGOUT);
        Run run = run("--base-url", portico.baseUrl(), "--app-id", FakePortico.APP, "--query-url", portico.baseUrl(),
                "--lag-rate", "100", "--lag-warmup-s", "0.2", "--lag-s", "0.5", "--scenarios", "none", "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.lines).as(run.err).hasSize(1);
        Matcher lag = LAG_LINE.matcher(run.lines.get(0));
        assertThat(lag.matches()).as(run.lines.get(0)).isTrue();
        assertThat(lag.group(1)).isEqualTo("100.0");
        assertThat(Long.parseLong(lag.group(3))).as("commands").isPositive();
        assertThat(lag.group(4)).as("errors").isEqualTo("0");
        // Every observation of the window is in the bucket of its lag, the upper bound of which is reported.
        assertThat(List.of(lag.group(6), lag.group(7), lag.group(8), lag.group(9))).containsOnly("20.00");
        assertThat(List.of(lag.group(11), lag.group(12), lag.group(13), lag.group(14))).containsOnly("5.00");
        assertThat(Long.parseLong(lag.group(15))).as("events measured").isPositive().isEqualTo(Long.parseLong(lag.group(10)));
        assertThat(portico.answered(FakePortico.LOGOUT) - logoutsBefore).as("logouts among the commands").isPositive();
    }

    @Test
    void aWindowsPercentilesComeFromTheBucketsThatFilledMeanwhile() {
        java.util.TreeMap<Double, Double> before = new java.util.TreeMap<>(java.util.Map.of(0.01, 5.0, 0.1, 5.0,
                Double.POSITIVE_INFINITY, 5.0));
        // Since then: 90 events under 10 ms, 9 under 100 ms, 1 slower.
        java.util.TreeMap<Double, Double> after = new java.util.TreeMap<>(java.util.Map.of(0.01, 95.0, 0.1, 104.0,
                Double.POSITIVE_INFINITY, 105.0));

        ProjectionLag.Lags lags = ProjectionLag.lags(before, after);

        assertThat(lags.events()).isEqualTo(100);
        assertThat(lags.p50()).isEqualTo(10.0);
        assertThat(lags.p95()).isEqualTo(100.0);
        assertThat(lags.p99()).isEqualTo(100.0);
        assertThat(lags.max()).isInfinite();
    }

    @Test
    void saysSoWhenTheQueryServiceDoesNotAnswer() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Run run = run("--base-url", portico.baseUrl(), "--app-id", FakePortico.APP, "--query-url",
                "http://127.0.0.1:" + closed, "--lag-s", "1", "--scenarios", "noop", "--conns", "1",
                "--warmup-s", "0", "--duration-s", "0.1", "--ceiling-s", "0");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.lines).as(run.err).hasSize(2);
        assertThat(run.lines.get(0)).as("the scenarios run all the same").startsWith("ours noop rps=");
        assertThat(run.lines.get(1)).startsWith("ours projection_lag skipped reason=\"failed: ");
    }

    @Test
    void printsTheStartupLineFirstWhenGivenTheServicesStartupFigures(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("command.log"),
                "x : Started CommandServiceApplication in 4.2 seconds (process running for 4.9)\n");
        Run run = run("--base-url", portico.baseUrl(), "--ready-ms", "command=5300", "--startup-log",
                "command=" + log, "--scenarios", "none", "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.lines).containsExactly("ours startup command_ready_ms=5300 command_jvm_ms=4900 target_ms=8000");
    }

    @Test
    void countsErrorsInsteadOfHidingThem() {
        Run run = run("--base-url", portico.baseUrl(), "--scenarios", "noop", "--path", "/no/such/endpoint", "--conns", "2",
                "--warmup-s", "0", "--max-requests", "50", "--duration-s", GUARD_S, "--ceiling-s", "0");

        assertThat(run.status).as("errors under load are in the line, not in the status").isZero();
        assertThat(run.lines).as(run.err).hasSize(1);
        Matcher m = Pattern.compile("^ours noop rps=\\S+ p50_ms=\\S+ p99_ms=\\S+ errors=(\\d+) cpu_pct=na rss_mb=na requests=(\\d+) .*non2xx=(\\d+) .*")
                .matcher(run.lines.get(0));
        assertThat(m.matches()).as(run.lines.get(0)).isTrue();
        assertThat(m.group(1)).isEqualTo("50").isEqualTo(m.group(2)).isEqualTo(m.group(3));
        assertThat(run.err).contains("first error: GET /no/such/endpoint: HTTP 404");
    }

    @Test
    void saysSoWhenAScenarioCannotBeSetUp() {
        Run run = run("--base-url", portico.baseUrl(), "--app-id", FakePortico.APP, "--scenarios", "password_login noop",
                "--conns", "1", "--warmup-s", "0", "--duration-s", "0.1", "--pool", "2", "--ceiling-s", "0");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.lines).as(run.err).hasSize(2);
        assertThat(run.lines.get(0)).startsWith("ours password_login skipped reason=\"registration answered HTTP 400");
        assertThat(run.lines.get(1)).as("the next scenario runs all the same").startsWith("ours noop rps=");
    }

    @Test
    void theJdkClientWorksToo() {
        Run run = run("--base-url", portico.baseUrl(), "--app-id", FakePortico.APP, "--scenarios", "anon_login",
                "--client", "jdk", "--conns", "1", "--warmup-s", "0", "--max-requests", "10", "--duration-s", GUARD_S,
                "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        Matcher m = scenarioLine(run.lines.get(0));
        assertThat(m.group(8)).isEqualTo("10");
        assertThat(Long.parseLong(m.group(5))).as(run.err).isZero();
    }

    @Test
    void drivesLoopbackOnlyAndRefusesBadOptions() {
        assertThatThrownBy(() -> Bench.Options.parse("--base-url", "http://192.0.2.1:8080"))
                .hasMessageContaining("loopback only");
        assertThatThrownBy(() -> Bench.Options.parse("--query-url", "http://192.0.2.1:8081"))
                .hasMessageContaining("loopback only");
        assertThatThrownBy(() -> Bench.Options.parse("--base-url", "https://127.0.0.1:8443"))
                .hasMessageContaining("only http://");
        assertThatThrownBy(() -> Bench.Options.parse("--duration-s", "0")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Bench.Options.parse("--warmup-s", "-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Bench.Options.parse("--lag-s", "-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Bench.Options.parse("--max-requests", "-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Bench.Options.parse("--scenarios", "anon_login nonsense"))
                .hasMessageContaining("unknown scenario 'nonsense'");
        assertThatThrownBy(() -> Bench.Options.parse("--pid", "Command=1")).hasMessageContaining("NAME=PID");

        Bench.Options options = Bench.Options.parse("--base-url=http://localhost:18080", "--scenarios", "noop,anon_login",
                "--pid", "command=12", "--aux-pid", "stack=34", "--timeout-s", "0.5", "--client", "jdk");
        assertThat(options.baseUrl).isEqualTo("http://localhost:18080");
        assertThat(Target.of(options.baseUrl).baseUrl()).as("localhost means IPv4 loopback").isEqualTo("http://127.0.0.1:18080");
        assertThat(options.scenarios).containsExactly("noop", "anon_login");
        assertThat(options.pids).containsEntry("command", 12L);
        assertThat(options.auxPids).containsEntry("stack", 34L);
        assertThat(options.timeoutMillis).isEqualTo(500);
        assertThat(options.client).isEqualTo(Transport.Kind.JDK);
        assertThat(options.queryUrl).as("no projection lag unless asked").isNull();
    }

    private static Matcher scenarioLine(String line) {
        Matcher m = SCENARIO_LINE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        return m;
    }

    /** A loopback port that nothing listens on (it was free a moment ago): connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Bench.run(Bench.Options.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, List<String> lines, String err) {
    }
}
