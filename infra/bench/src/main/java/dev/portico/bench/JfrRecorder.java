package dev.portico.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records the measured window of each scenario with JFR in the services, through jcmd. */
final class JfrRecorder implements LoadRun.WindowHooks {
    private final Path dir;
    private final Map<String, Long> services;
    private final Consumer<String> log;

    JfrRecorder(Path dir, Map<String, Long> services, Consumer<String> log) {
        this.dir = dir;
        this.services = services;
        this.log = log;
    }

    @Override
    public void beforeWindow(String scenario) {
        services.forEach((name, pid) -> jcmd(pid, "JFR.start", "name=bench-" + scenario, "settings=profile"));
    }

    @Override
    public void afterWindow(String scenario) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            log.accept("[jfr] cannot create " + dir + ": " + e);
            return;
        }
        services.forEach((name, pid) -> {
            Path file = dir.resolve(scenario + "-" + name + ".jfr").toAbsolutePath();
            jcmd(pid, "JFR.dump", "name=bench-" + scenario, "filename=" + file);
            jcmd(pid, "JFR.stop", "name=bench-" + scenario);
            Path summary = dir.resolve(scenario + "-" + name + ".txt");
            try (PrintStream out = new PrintStream(Files.newOutputStream(summary), true, StandardCharsets.UTF_8)) {
                JfrTop.print(file, 15, out);
                log.accept("[jfr] " + name + " during " + scenario + ": " + file + ", summary " + summary);
            } catch (IOException | RuntimeException e) {
                log.accept("[jfr] cannot summarise " + file + ": " + e);
            }
        });
    }

    private void jcmd(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> args = new ArrayList<>();
        args.add(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd");
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                log.accept("[jfr] jcmd " + String.join(" ", command) + " failed: " + output.trim());
            }
        } catch (IOException e) {
            log.accept("[jfr] cannot run jcmd: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
