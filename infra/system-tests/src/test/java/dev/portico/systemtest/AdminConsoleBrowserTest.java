package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console in a real Chromium (Debian's package, installed here when it is missing), driven by
 * Playwright from {@code src/test/node/console.browser.mjs} next to realm-web: sign-in and its refusals, a
 * user realm-web created found, disabled (its refresh fails), enabled and deleted, its erased history, the chain
 * check, a server API key, the overview chart, phone width; axe-core on every page, and a screenshot of each in
 * {@code target/console-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleBrowserTest {
    private static final Logger log = LoggerFactory.getLogger(AdminConsoleBrowserTest.class);
    private static final String SCENARIO = "console.browser.mjs";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private PorticoSystem system;
    private NodeScenario.Run run;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("portico.e2e.work.dir", "target/e2e"));
        Path screenshots = Path.of("target/console-screenshots").toAbsolutePath();
        if (Files.isDirectory(screenshots)) {
            try (Stream<Path> old = Files.list(screenshots)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        String chromium = chromium();
        NodeScenario node = NodeScenario.fromSystemProperties();
        node.install();
        system = PorticoSystem.start(work);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PORTICO_BASE_URL", system.commandUrl());
        environment.put("PORTICO_APP_ID", PorticoSystem.APP_ID);
        environment.put("PORTICO_CONSOLE_URL", system.queryUrl());
        environment.put("PORTICO_CONSOLE_OPERATOR", PorticoSystem.OPERATOR);
        environment.put("PORTICO_CONSOLE_TOKEN", system.operatorToken());
        environment.put("PORTICO_TOKENS_APP_ID", SystemTestApps.TOKENS_APP);
        environment.put("PORTICO_CHROMIUM", chromium);
        environment.put("PORTICO_CONSOLE_SCREENSHOTS", screenshots.toString());
        environment.put("PORTICO_MAIL_APP_ID", SystemTestApps.MAIL_APP);
        run = node.runTests("console", List.of(SCENARIO), environment);
        log.info("console browser tests (node --test exit {}, report {}):\n{}", run.exitCode(), run.report(),
                run.output());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** One test per case of node's report; a failed case fails with node's account of it. */
    @TestFactory
    Stream<DynamicTest> consoleInABrowser() {
        if (run.cases().isEmpty()) {
            fail("node --test (exit " + run.exitCode() + ") reported no test cases; its output:\n"
                    + NodeScenario.tail(run.output()));
        }
        return run.cases().stream().map(testCase -> DynamicTest.dynamicTest(testCase.displayName(), () -> {
            if (testCase.failure() != null) {
                fail(testCase.displayName() + "\n" + testCase.failure());
            }
            if (testCase.skipped() != null) {
                fail(testCase.displayName() + ": node skipped it (" + testCase.skipped() + ")");
            }
        }));
    }

    @Test
    void everyCasePassedAndEveryPageHasAScreenshot() throws IOException {
        assertThat(run.exitCode()).as("exit code of node --test; its output:\n%s", NodeScenario.tail(run.output()))
                .isZero();
        assertThat(run.summary()).containsEntry("fail", 0L).containsEntry("cancelled", 0L)
                .containsEntry("skipped", 0L).containsEntry("todo", 0L);
        try (Stream<Path> files = Files.list(Path.of("target/console-screenshots"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.endsWith("-overview.png"))
                    .anyMatch(name -> name.endsWith("-history.png"))
                    .anyMatch(name -> name.endsWith("-key-created.png"));
        }
    }

    /**
     * Debian's Chromium: {@code PORTICO_CHROMIUM}, else {@code /usr/bin/chromium}, installed with apt-get when it
     * is missing (the CI machine runs as root, without Docker). Playwright's own browser download is not used.
     */
    private static String chromium() throws IOException, InterruptedException {
        String explicit = System.getenv("PORTICO_CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        if (Files.isExecutable(CHROMIUM)) {
            return CHROMIUM.toString();
        }
        log.info("{} is missing; installing Debian's chromium package", CHROMIUM);
        if (apt("install", "-y", "chromium") != 0) {
            apt("update");
            apt("install", "-y", "chromium");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("the console's browser tests need Chromium at " + CHROMIUM + ", and "
                    + "`apt-get install -y chromium` did not provide it (see target/e2e/apt-get.log; it needs root "
                    + "and Debian's package sources). Install it, or set PORTICO_CHROMIUM to a Chromium executable.");
        }
        return CHROMIUM.toString();
    }

    private static int apt(String... arguments) throws IOException, InterruptedException {
        Path logFile = Path.of("target/e2e/apt-get.log");
        Files.createDirectories(logFile.getParent());
        List<String> command = new java.util.ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            return -1;
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
