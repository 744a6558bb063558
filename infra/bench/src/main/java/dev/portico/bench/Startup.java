package dev.portico.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' start-up times, one line:
 *
 * <pre>
 * ours startup command_ready_ms=… command_jvm_ms=… query_ready_ms=… query_jvm_ms=… target_ms=8000
 * </pre>
 *
 * {@code <name>_ready_ms} is from the service's process start to its health endpoint's first UP answer, as
 * {@code ./portico up} measured it while it polled (passed in with {@code --ready-ms}); {@code <name>_jvm_ms} is
 * what Spring Boot logs as "process running for" when the application has started (read from the log named by
 * {@code --startup-log}), which is before the health endpoint answers. {@code na} when a figure is missing.
 */
final class Startup {
    /** The goal: each service ready within 8 s of its process start. */
    static final long TARGET_MS = 8000;

    private static final Pattern STARTED =
            Pattern.compile("Started \\S+ in [0-9.]+ seconds \\(process running for ([0-9]+(?:\\.[0-9]+)?)\\)");

    private Startup() {
    }

    /** The "process running for" of the last "Started … in … seconds" line of a log, in milliseconds. */
    static OptionalLong jvmMillis(List<String> logLines) {
        OptionalLong last = OptionalLong.empty();
        for (String line : logLines) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                last = OptionalLong.of(Math.round(Double.parseDouble(m.group(1)) * 1000));
            }
        }
        return last;
    }

    static String line(String label, Map<String, Long> readyMillis, Map<String, String> logs) {
        Set<String> services = new LinkedHashSet<>(readyMillis.keySet());
        services.addAll(logs.keySet());
        StringBuilder s = new StringBuilder(label).append(" startup");
        for (String service : services) {
            Long ready = readyMillis.get(service);
            String log = logs.get(service);
            OptionalLong jvm = log == null ? OptionalLong.empty() : jvmMillis(readLines(Path.of(log)));
            s.append(' ').append(service).append("_ready_ms=").append(ready == null ? "na" : Long.toString(ready));
            s.append(' ').append(service).append("_jvm_ms=").append(jvm.isPresent() ? Long.toString(jvm.getAsLong()) : "na");
        }
        return s.append(" target_ms=").append(TARGET_MS).toString();
    }

    private static List<String> readLines(Path log) {
        try {
            // Lenient: a log may hold bytes that are not UTF-8, and they must not cost the figure.
            return List.of(new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).split("\n"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
