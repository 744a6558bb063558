package dev.portico.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and memory of processes, read from /proc as the Keycloak script reads them: utime+stime from
 * {@code /proc/<pid>/stat} in clock ticks, VmRSS and VmHWM from {@code /proc/<pid>/status}.
 */
final class ProcStats {
    static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /** utime+stime of a process in ticks, or -1 when it is gone. */
    static long cpuTicks(long pid) {
        long[] f = statFields(pid);
        return f == null ? -1 : f[11] + f[12];
    }

    /**
     * CPU ticks of a PostgreSQL server: the postmaster, its live children, and the children it has reaped
     * (cutime+cstime), so that backends that end during the window still count.
     */
    static long treeTicks(long rootPid) {
        long[] root = statFields(rootPid);
        if (root == null) {
            return -1;
        }
        long total = root[11] + root[12] + root[13] + root[14];
        for (long child : children(rootPid)) {
            long t = cpuTicks(child);
            if (t > 0) {
                total += t;
            }
        }
        return total;
    }

    /**
     * CPU ticks of a JVM's housekeeping threads, by kind: {JIT compiler threads, GC and VM threads}. Threads
     * that ended are not counted (compiler threads come and go), so these are lower bounds.
     */
    static long[] jvmThreadTicks(long pid) {
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException e) {
                    continue;
                }
                boolean isJit = comm.startsWith("C2 CompilerThre") || comm.startsWith("C1 CompilerThre");
                boolean isGc = comm.equals("VM Thread") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                        || comm.startsWith("GC ");
                if (!isJit && !isGc) {
                    continue;
                }
                long[] f = statFieldsOf(task.resolve("stat"));
                if (f == null) {
                    continue;
                }
                if (isJit) {
                    jit += f[11] + f[12];
                } else {
                    gc += f[11] + f[12];
                }
            }
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
        return new long[] {jit, gc};
    }

    static List<Long> children(long parentPid) {
        List<Long> result = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                long[] f = statFields(pid);
                if (f != null && f[1] == parentPid) {
                    result.add(pid);
                }
            }
        } catch (IOException ignored) {
            // no /proc: no children
        }
        return result;
    }

    /** Resident set size in MB (VmRSS), or -1. */
    static long rssMb(long pid) {
        return statusKb(pid, "VmRSS:") / 1024;
    }

    /** Peak resident set size in MB (VmHWM), or -1. */
    static long peakRssMb(long pid) {
        return statusKb(pid, "VmHWM:") / 1024;
    }

    /** Host CPU ticks from /proc/stat: {busy, total}. */
    static long[] hostTicks() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] p = line.trim().split("\\s+");
                    long user = Long.parseLong(p[1]);
                    long nice = Long.parseLong(p[2]);
                    long system = Long.parseLong(p[3]);
                    long idle = Long.parseLong(p[4]);
                    long iowait = Long.parseLong(p[5]);
                    long irq = Long.parseLong(p[6]);
                    long softirq = Long.parseLong(p[7]);
                    long steal = p.length > 8 ? Long.parseLong(p[8]) : 0;
                    long busy = user + nice + system + irq + softirq + steal;
                    return new long[] {busy, busy + idle + iowait};
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return new long[] {0, 0};
    }

    /**
     * The fields of /proc/pid/stat after the command name, as numbers where they are numbers: index 0 is the
     * state, 1 ppid, 11 utime, 12 stime, 13 cutime, 14 cstime (0-based from "state").
     */
    private static long[] statFields(long pid) {
        return statFieldsOf(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static long[] statFieldsOf(Path file) {
        String stat;
        try {
            stat = Files.readString(file);
        } catch (IOException e) {
            return null;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] parts = stat.substring(close + 2).trim().split(" ");
        long[] fields = new long[parts.length];
        for (int i = 1; i < parts.length; i++) {
            try {
                fields[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                fields[i] = 0;
            }
        }
        return fields;
    }

    private static long statusKb(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone
        }
        return -1;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            long ticks = Long.parseLong(out);
            return ticks > 0 ? ticks : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
