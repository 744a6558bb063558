package dev.portico.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service spends its CPU, from the execution samples of a JFR recording: the hottest methods (top
 * frame), the hottest of our own methods (the innermost dev.portico frame, inclusive), and the share of
 * samples that pass through each library (inclusive). Usage:
 * {@code java -cp portico-bench.jar -Dloader.main=dev.portico.bench.JfrTop …PropertiesLauncher FILE.jfr [N]}.
 */
public final class JfrTop {
    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrTop FILE.jfr [top-n]");
            System.exit(2);
        }
        print(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 15, System.out);
    }

    static void print(Path recording, int top, PrintStream out) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame frame : frames) {
                if (frame.getMethod() != null && typeName(frame).startsWith("dev.portico.")) {
                    ours.merge(name(frame), 1, Integer::sum);
                    break;
                }
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (frame.getMethod() != null) {
                    seen.add(library(typeName(frame)));
                }
            }
            seen.forEach(library -> libraries.merge(library, 1, Integer::sum));
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-?\\d+$", "-N"), 1, Integer::sum);
        }
        out.printf(Locale.ROOT, "%s: %d execution samples%n", recording.getFileName(), samples);
        table(out, "hottest methods (top frame, self)", self, samples, top);
        table(out, "our code (innermost dev.portico frame, inclusive)", ours, samples, top);
        table(out, "libraries (samples passing through, inclusive)", libraries, samples, top);
        table(out, "threads", threads, samples, 6);
    }

    private static void table(PrintStream out, String title, Map<String, Integer> counts, int total, int top) {
        out.println("  " + title + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    private static String typeName(RecordedFrame frame) {
        return frame.getMethod().getType().getName();
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "?";
        }
        String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName() + "  (" + type.substring(0,
                Math.max(0, type.lastIndexOf('.'))) + ")";
    }

    /** A library's name: the first two or three segments of its package. */
    private static String library(String type) {
        String[] p = type.split("\\.");
        if (p.length <= 2) {
            return type;
        }
        String first = p[0];
        if (first.equals("java") || first.equals("javax") || first.equals("jdk") || first.equals("sun")
                || first.equals("com") && p[1].equals("sun")) {
            return p.length > 3 ? p[0] + "." + p[1] + "." + p[2] : p[0] + "." + p[1];
        }
        return p.length > 3 ? p[0] + "." + p[1] + "." + p[2] : p[0] + "." + p[1];
    }
}
