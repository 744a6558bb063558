package dev.portico.systemtest;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The Node.js project under {@code src/test/node}: installs it from its committed lock file with
 * {@code npm ci} (skipped when node_modules already came from the same lock file) and runs its tests with
 * Node's test runner, {@code node --test}, which writes a JUnit XML report next to a human-readable log.
 * A missing or too old Node.js fails the test with an explanation; it is never skipped.
 */
final class NodeScenario {
    private static final Logger log = LoggerFactory.getLogger(NodeScenario.class);
    private static final String STAMP = ".portico-lock-sha256";
    private static final int MINIMUM_NODE_MAJOR = 20;
    /** Each file of realm-web tests, one per part of the protocol (logins per provider, sessions, …). */
    private static final String TEST_FILES = ".test.mjs";
    /** Preloaded into every test process: records the secrets and addresses the tests send and receive. */
    private static final String SECRETS_RECORDER = "record-secrets.mjs";

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

    /**
     * Checks that Node.js is new enough (its test runner with the JUnit reporter) and installs the dependencies
     * unless node_modules matches the lock file.
     */
    void install() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Outcome version = run(List.of(node, "--version"), Map.of(), workDir.resolve("node-version.log"), 30);
        Matcher m = Pattern.compile("v(\\d+)\\.").matcher(version.output());
        if (version.exitCode() != 0 || !m.find()) {
            throw new IllegalStateException("`" + node + " --version` failed: " + version.output());
        }
        Outcome junit = run(List.of(node, "-p", "typeof require('node:test/reporters').junit"), Map.of(),
                workDir.resolve("node-junit-reporter.log"), 30);
        if (Integer.parseInt(m.group(1)) < MINIMUM_NODE_MAJOR || !junit.output().trim().equals("function")) {
            throw new IllegalStateException("Node.js " + version.output().trim() + " is too old; the end-to-end test needs "
                    + MINIMUM_NODE_MAJOR + " or newer, with node:test and its junit reporter");
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
                    + tail(ci.output()));
        }
        Files.writeString(stamp, lockHash + "\n");
        log.info("npm ci done in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Runs the realm-web tests once: {@code node --test} with the spec reporter to a log and the junit reporter
     * to an XML report, which is then read back test case by test case. The tests record the users they create
     * and end in a file of their own (see {@link RealmWebUsers}), and every secret and e-mail address that
     * crossed the wire in another ({@value #SECRETS_RECORDER}; see {@link RunSecrets}).
     */
    Run runTests(Map<String, String> environment) throws IOException, InterruptedException {
        List<String> files;
        try (var list = Files.list(projectDir)) {
            files = list.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(TEST_FILES)).sorted()
                    .toList();
        }
        return runTests("realm-web", files, environment);
    }

    /**
     * Runs the named test files of the project, reports and logs named after {@code run}; otherwise as
     * {@link #runTests(Map)}.
     */
    Run runTests(String run, List<String> files, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path report = workDir.resolve(run + "-junit.xml");
        Path output = workDir.resolve(run + "-tests.log");
        Path users = workDir.resolve(run + "-users.jsonl");
        Path secrets = workDir.resolve(run + "-secrets.jsonl");
        Files.deleteIfExists(report);
        Files.deleteIfExists(users);
        Files.deleteIfExists(secrets);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("PORTICO_E2E_USERS_FILE", users.toString());
        env.put("PORTICO_E2E_SECRETS_FILE", secrets.toString());
        List<String> command = new ArrayList<>(List.of(node, "--import",
                projectDir.resolve(SECRETS_RECORDER).toUri().toString(), "--test",
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                "--test-reporter=junit", "--test-reporter-destination=" + report));
        command.addAll(files);
        Outcome outcome = run(command, env, output, 300);
        if (!Files.isRegularFile(report)) {
            throw new IllegalStateException("node --test (exit " + outcome.exitCode() + ") wrote no JUnit report "
                    + report + "; its output (" + output + "):\n" + tail(outcome.output()));
        }
        JUnitReport parsed = JUnitReport.read(report);
        return new Run(outcome.exitCode(), parsed.cases(), parsed.summary(), outcome.output(), report, users, secrets);
    }

    /** The outcome of one {@code node --test} run. */
    record Run(int exitCode, List<TestCase> cases, Map<String, Long> summary, String output, Path report,
            Path usersFile, Path secretsFile) {
        RealmWebUsers users() throws IOException {
            return RealmWebUsers.read(usersFile);
        }
    }

    /**
     * One test case of the JUnit report: the names of its enclosing suites ({@code describe}), its own name, and
     * node's account of its failure or skip (null when it passed or ran).
     */
    record TestCase(List<String> suites, String name, String failure, String skipped) {
        String displayName() {
            List<String> path = new ArrayList<>(suites);
            path.add(name);
            return String.join(" › ", path);
        }
    }

    /** Reads node's JUnit XML: test cases at any depth of test suites, and the summary comments (tests, pass, …). */
    private record JUnitReport(List<TestCase> cases, Map<String, Long> summary) {
        private static final Pattern SUMMARY = Pattern.compile("\\s*(\\w+) ([0-9.]+)\\s*");

        static JUnitReport read(Path file) throws IOException {
            Element root;
            // Node copies failure messages as they are, terminal colour codes too, which XML 1.0 does not allow.
            String xml = Files.readString(file, StandardCharsets.UTF_8)
                    .replaceAll("\u001b\\[[0-9;]*m", "").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
            try (InputStream in = new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            } catch (ParserConfigurationException | SAXException e) {
                throw new IllegalStateException("cannot read the JUnit report " + file + ": " + e.getMessage(), e);
            }
            List<TestCase> cases = new ArrayList<>();
            collect(root, new ArrayList<>(), cases);
            Map<String, Long> summary = new LinkedHashMap<>();
            for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
                Matcher m = SUMMARY.matcher(child.getNodeType() == Node.COMMENT_NODE ? child.getNodeValue() : "");
                if (m.matches()) {
                    summary.put(m.group(1), (long) Double.parseDouble(m.group(2)));
                }
            }
            return new JUnitReport(List.copyOf(cases), summary);
        }

        private static void collect(Element element, List<String> suites, List<TestCase> cases) {
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element e)) {
                    continue;
                }
                if (e.getTagName().equals("testsuite")) {
                    List<String> inner = new ArrayList<>(suites);
                    inner.add(e.getAttribute("name"));
                    collect(e, inner, cases);
                } else if (e.getTagName().equals("testcase")) {
                    cases.add(new TestCase(List.copyOf(suites), e.getAttribute("name"), outcome(e, "failure"),
                            outcome(e, "skipped")));
                }
            }
        }

        /** The text of the named child element (or its message when it has no text); null when there is none. */
        private static String outcome(Element testCase, String tag) {
            for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e && e.getTagName().equals(tag)) {
                    String text = e.getTextContent().strip();
                    String message = e.getAttribute("message");
                    return text.isEmpty() ? message : text;
                }
            }
            return null;
        }
    }

    private record Outcome(int exitCode, String output) {
    }

    /** Runs a command in the Node.js project; standard output and error go, interleaved, to {@code outputLog}. */
    private Outcome run(List<String> command, Map<String, String> environment, Path outputLog, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile())
                .redirectErrorStream(true).redirectOutput(outputLog.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                    + " s; its output is in " + outputLog + ":\n" + tail(Files.readString(outputLog)));
        }
        // Test files run in processes of their own whose output can meet mid-character in the log: read leniently.
        return new Outcome(process.exitValue(), new String(Files.readAllBytes(outputLog), StandardCharsets.UTF_8));
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
