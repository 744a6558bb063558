package dev.portico.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service run from its executable jar as a JVM of its own, the way {@code ./portico} runs it, so that a test
 * can kill it with SIGKILL and start it again on the same port. Settings go in as command-line arguments, which
 * outrank the service's configuration file and the test's environment; the output goes to a log file.
 */
public final class ServiceProcess implements AutoCloseable {
    /** The heap and JIT settings {@code ./portico} gives each service. */
    public static final List<String> PRODUCTION_JVM = List.of("-Xms64m", "-Xmx80m", "-Xmn16m", "-Xss512k",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Ddisable-axoniq-console-message=true");

    private final String name;
    private final Path jar;
    private final Map<String, String> settings;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ServiceProcess(String name, Path jar, String portSetting, Map<String, String> settings, Path logDirectory) {
        this.name = name;
        this.jar = jar;
        this.port = freePort();
        this.settings = new LinkedHashMap<>(settings);
        this.settings.put(portSetting, Integer.toString(port));
        this.log = logDirectory.resolve(name + ".log");
    }

    /**
     * Starts {@code jar} on a free port, named by {@code portSetting} (e.g. {@code PORTICO_COMMAND_PORT}); the
     * port stays the same across {@link #restart()}s.
     */
    public static ServiceProcess start(String name, Path jar, String portSetting, Map<String, String> settings,
            Path logDirectory) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; it is built by the package phase of its module");
        }
        ServiceProcess service = new ServiceProcess(name, jar, portSetting, settings, logDirectory);
        service.launch();
        return service;
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(PRODUCTION_JVM);
        command.add("-jar");
        command.add(jar.toString());
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The process id of the running JVM. */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no shutdown hook, no graceful stop. */
    public synchronized void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Starts it again on the same port with the same settings. */
    public synchronized void restart() {
        if (alive()) {
            throw new IllegalStateException(name + " still runs");
        }
        launch();
    }

    /** Its {@code /actuator/health} answer: status code and body; status 0 when nothing answers. */
    public Health health() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Health(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(0, "interrupted");
        }
    }

    /** @param status the HTTP status, 0 when nothing answered */
    public record Health(int status, String body) {
        public boolean up() {
            return status == 200 && body.startsWith("{\"status\":\"UP\"");
        }

        /** Whether the component (e.g. {@code db}, {@code kafka}) is reported DOWN. */
        public boolean reportsDown(String component) {
            return body.contains("\"" + component + "\":{\"status\":\"DOWN\"");
        }
    }

    /** SIGTERM, waiting for the graceful stop. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        waitForExit();
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
