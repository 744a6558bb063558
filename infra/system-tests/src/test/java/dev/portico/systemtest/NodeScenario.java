package dev.portico.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node.js project under {@code src/test/node}: installs it from its committed lock file with
 * {@code npm ci} (skipped when node_modules already came from the same lock file) and runs {@code e2e.mjs}.
 * A missing or too old Node.js fails the test with an explanation; it is never skipped.
 */
final class NodeScenario {
    private static final Logger log = LoggerFactory.getLogger(NodeScenario.class);
    private static final String STAMP = ".portico-lock-sha256";
    private static final int MINIMUM_NODE_MAJOR = 18;

    private final Path projectDir;
    private final Path workDir;
    private final String node;
    private final String npm;

    NodeScenario(Path projectDir, Path workDir) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.node = executable("PORTICO_NODE", "node");
        this.npm = executable("PORTICO_NPM", "npm");
        if (!Files.isRegularFile(this.projectDir.resolve("package-lock.json"))) {
            throw new IllegalStateException("no package-lock.json in " + this.projectDir);
        }
    }

    static NodeScenario fromSystemProperties() {
        String dir = System.getProperty("portico.e2e.node.dir", "src/test/node");
        String work = System.getProperty("portico.e2e.work.dir", "target/e2e");
        return new NodeScenario(Path.of(dir), Path.of(work));
    }

    /** Checks the Node.js version and installs the dependencies unless node_modules matches the lock file. */
    void install() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Outcome version = run(List.of(node, "--version"), Map.of(), workDir.resolve("node-version.log"), 30);
        Matcher m = Pattern.compile("v(\\d+)\\.").matcher(version.stdout());
        if (version.exitCode() != 0 || !m.find()) {
            throw new IllegalStateException("`" + node + " --version` failed: " + version.stdout() + version.stderr());
        }
        if (Integer.parseInt(m.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new IllegalStateException("Node.js " + version.stdout().trim() + " is too old; the end-to-end test needs "
                    + MINIMUM_NODE_MAJOR + " or newer (global fetch)");
        }
        String lockHash = sha256(projectDir.resolve("package-lock.json"));
        Path stamp = projectDir.resolve("node_modules").resolve(STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).trim().equals(lockHash)
                && Files.isRegularFile(projectDir.resolve("node_modules/realm-web/package.json"))) {
            log.info("node_modules already installed from this package-lock.json; skipping npm ci");
            return;
        }
        long started = System.nanoTime();
        Outcome ci = run(List.of(npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of(),
                workDir.resolve("npm-ci.log"), 600);
        if (ci.exitCode() != 0) {
            throw new IllegalStateException("npm ci failed (exit " + ci.exitCode() + ") in " + projectDir + ":\n"
                    + tail(ci.stdout() + ci.stderr()));
        }
        Files.writeString(stamp, lockHash + "\n");
        log.info("npm ci done in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Runs {@code node e2e.mjs}; its JSON result is the one line of standard output. */
    Result runScenario(Map<String, String> environment) throws IOException, InterruptedException {
        Outcome outcome = run(List.of(node, "e2e.mjs"), environment, workDir.resolve("e2e-stderr.log"), 240);
        Files.writeString(workDir.resolve("e2e-result.json"), outcome.stdout());
        String json = outcome.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        JsonNode parsed = json == null ? null : new ObjectMapper().readTree(json);
        return new Result(outcome.exitCode(), parsed, outcome.stdout(), outcome.stderr());
    }

    record Result(int exitCode, JsonNode json, String stdout, String stderr) {
    }

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private Outcome run(List<String> command, Map<String, String> environment, Path stderrLog, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile())
                .redirectOutput(out.toFile()).redirectError(stderrLog.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                    + " s; its stderr is in " + stderrLog + ":\n" + tail(Files.readString(stderrLog)));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Outcome(process.exitValue(), stdout, Files.readString(stderrLog, StandardCharsets.UTF_8));
    }

    /** An explicit path from the environment, else the first match on PATH; fails loudly if there is none. */
    private static String executable(String variable, String name) {
        String explicit = System.getenv(variable);
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        List<String> searched = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            searched.add(dir);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("`" + name + "` (Node.js " + MINIMUM_NODE_MAJOR + "+) is needed by the end-to-end test"
                + " but is not on PATH (searched " + searched + "); install Node.js with npm, or set " + variable);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
