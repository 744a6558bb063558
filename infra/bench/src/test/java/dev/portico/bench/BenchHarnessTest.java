package dev.portico.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.CommandServiceApplication;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The harness itself works (not how fast anything is): a very short run against a real command-service,
 * started in this JVM on a fresh database, prints one well-formed line per scenario and the ceiling line.
 */
class BenchHarnessTest {
    private static final Pattern SCENARIO_LINE = Pattern.compile(
            "^ours (\\w+) rps=(\\d+\\.\\d) p50_ms=(\\d+\\.\\d\\d) p99_ms=(\\d+\\.\\d\\d) errors=(\\d+) cpu_pct=(\\d+) rss_mb=(\\d+)"
                    + "( [a-z0-9_]+=\\S+)*$");
    private static final Pattern CEILING_LINE = Pattern.compile(
            "^ours ceiling pg_insert_commits_per_s=(\\d+\\.\\d) argon2id_per_s=(\\d+\\.\\d) cores=(\\d+)( [a-z0-9_]+=\\S+)*$");

    private static ConfigurableApplicationContext service;
    private static PostgresServer database;
    private static String baseUrl;

    @BeforeAll
    static void startCommandService() throws IOException {
        database = TestBackends.freshDatabase("bench");
        // As command-line arguments: they override the service's own configuration file.
        service = CommandServiceApplication.application().run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--portico.tokens.keys-dir=" + Files.createTempDirectory("portico-bench-keys"),
                "--portico.apps[0].client-app-id=bench-app",
                "--portico.apps[0].providers[0]=anon-user");
        baseUrl = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopCommandService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void printsTheCeilingsAndOneWellFormedLinePerScenario() {
        List<String> scenarios = List.of("anon_login", "refresh_token", "profile");
        long pid = ProcessHandle.current().pid();
        Run run = run("--base-url", baseUrl, "--app-id", "bench-app", "--conns", "2", "--warmup-s", "1",
                "--duration-s", "2", "--pool", "20", "--scenarios", String.join(" ", scenarios),
                "--pid", "command=" + pid, "--ceiling-s", "0.5",
                "--db-url", database.jdbcUrl(), "--db-user", database.username(), "--db-password", database.password());

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.lines).as(run.err).hasSize(1 + scenarios.size());

        Matcher ceiling = CEILING_LINE.matcher(run.lines.get(0));
        assertThat(ceiling.matches()).as(run.lines.get(0)).isTrue();
        assertThat(Double.parseDouble(ceiling.group(1))).isPositive();
        assertThat(Double.parseDouble(ceiling.group(2))).isPositive();
        assertThat(Integer.parseInt(ceiling.group(3))).isEqualTo(Runtime.getRuntime().availableProcessors());

        for (int i = 0; i < scenarios.size(); i++) {
            String line = run.lines.get(i + 1);
            Matcher m = SCENARIO_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(1)).isEqualTo(scenarios.get(i));
            assertThat(Double.parseDouble(m.group(2))).as(line).isPositive();
            assertThat(Double.parseDouble(m.group(3))).as(line).isPositive().isLessThanOrEqualTo(Double.parseDouble(m.group(4)));
            assertThat(Long.parseLong(m.group(5))).as(line + "\n" + run.err).isZero();
            assertThat(Long.parseLong(m.group(7))).as(line).isPositive();
            assertThat(line).contains(" command_cpu_pct=", " bench_cpu_pct=", " conns=2 ");
        }
    }

    @Test
    void countsErrorsInsteadOfHidingThem() {
        Run run = run("--base-url", baseUrl, "--scenarios", "noop", "--path", "/no/such/endpoint", "--conns", "2",
                "--warmup-s", "0", "--duration-s", "1", "--ceiling-s", "0");

        assertThat(run.lines).as(run.err).hasSize(1);
        Matcher m = Pattern.compile("^ours noop rps=\\S+ p50_ms=\\S+ p99_ms=\\S+ errors=(\\d+) cpu_pct=na rss_mb=na requests=(\\d+) .*non2xx=(\\d+) .*")
                .matcher(run.lines.get(0));
        assertThat(m.matches()).as(run.lines.get(0)).isTrue();
        assertThat(Long.parseLong(m.group(1))).isPositive().isEqualTo(Long.parseLong(m.group(2))).isEqualTo(Long.parseLong(m.group(3)));
        assertThat(run.err).contains("first error: GET /no/such/endpoint: HTTP 404");
    }

    @Test
    void saysSoWhenAScenarioCannotBeSetUp() {
        Run run = run("--base-url", baseUrl, "--app-id", "bench-app", "--scenarios", "password_login", "--conns", "1",
                "--warmup-s", "0", "--duration-s", "1", "--pool", "2", "--ceiling-s", "0");

        assertThat(run.status).isEqualTo(1);
        assertThat(run.lines).hasSize(1);
        assertThat(run.lines.get(0)).startsWith("ours password_login skipped reason=\"registration answered HTTP 4");
    }

    @Test
    void theJdkClientWorksToo() {
        Run run = run("--base-url", baseUrl, "--app-id", "bench-app", "--scenarios", "anon_login", "--client", "jdk",
                "--conns", "1", "--warmup-s", "0", "--duration-s", "1", "--ceiling-s", "0");

        assertThat(run.status).as(run.err).isZero();
        Matcher m = SCENARIO_LINE.matcher(run.lines.get(0).replace("cpu_pct=na rss_mb=na", "cpu_pct=0 rss_mb=0"));
        assertThat(m.matches()).as(run.lines.get(0)).isTrue();
        assertThat(Long.parseLong(m.group(5))).as(run.err).isZero();
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
