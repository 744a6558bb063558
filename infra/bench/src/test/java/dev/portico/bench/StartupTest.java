package dev.portico.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup line: the readiness ./portico measured, and the JVM's own figure read from the service's log. */
class StartupTest {

    @Test
    void theJvmFigureIsTheProcessRunningTimeOfTheLastStartedLine() {
        List<String> log = List.of(
                "===== 2026-12-02 06:00:00: starting command =====",
                "2026-12-02T06:00:05.100Z  INFO 11 --- [command-service] [           main] d.p.c.CommandServiceApplication"
                        + "          : Started CommandServiceApplication in 4.87 seconds (process running for 5.512)",
                "===== 2026-12-02 06:10:00: starting command =====",
                "2026-12-02T06:10:06.300Z  INFO 12 --- [command-service] [           main] d.p.c.CommandServiceApplication"
                        + "          : Started CommandServiceApplication in 5.9 seconds (process running for 6.4)");

        assertThat(Startup.jvmMillis(log)).hasValue(6400);
    }

    @Test
    void aLogWithoutAStartedLineHasNoJvmFigure() {
        assertThat(Startup.jvmMillis(List.of("Starting CommandServiceApplication using Java 25", "Tomcat started on port 8080")))
                .isEmpty();
    }

    @Test
    void theLineNamesEachServicesReadinessAndJvmFigureAndTheTarget(@TempDir Path dir) throws IOException {
        Path command = Files.writeString(dir.resolve("command.log"),
                "x : Started CommandServiceApplication in 5.1 seconds (process running for 5.734)\n");
        Path query = dir.resolve("query.log"); // not there (yet): the figure is na, the line is still printed

        Map<String, String> logs = new LinkedHashMap<>();
        logs.put("command", command.toString());
        logs.put("query", query.toString());

        String line = Startup.line("ours", Map.of("command", 6120L), logs);

        assertThat(line).isEqualTo("ours startup command_ready_ms=6120 command_jvm_ms=5734"
                + " query_ready_ms=na query_jvm_ms=na target_ms=8000");
    }
}
