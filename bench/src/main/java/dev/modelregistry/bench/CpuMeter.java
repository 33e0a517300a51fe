package dev.modelregistry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the CPU went during a phase, from Linux's {@code /proc}: this JVM (server and benchmark clients), all
 * {@code postgres} processes, and the whole machine (other users' work included). Shows which side is the
 * bottleneck. Everything degrades to "n/a" where {@code /proc} is not readable.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** CPU times at one moment, in seconds; NaN where unknown. */
    record Snapshot(long nanos, double jvm, double postgres, double machineBusy) {
    }

    private CpuMeter() {
    }

    static Snapshot now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double jvm = os.getProcessCpuTime() / 1e9;
        return new Snapshot(System.nanoTime(), jvm < 0 ? Double.NaN : jvm, postgresSeconds(), machineBusySeconds());
    }

    /** "CPU: JVM 1.20 cores, postgres 0.60 cores, machine busy 1.95 of 2 cores" between two snapshots. */
    static String between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        return String.format(Locale.ROOT, "CPU: this JVM %s cores, postgres %s cores, machine busy %s of %d cores",
                cores(b.jvm() - a.jvm(), seconds), cores(b.postgres() - a.postgres(), seconds),
                cores(b.machineBusy() - a.machineBusy(), seconds), Runtime.getRuntime().availableProcessors());
    }

    private static String cores(double cpuSeconds, double seconds) {
        return Double.isNaN(cpuSeconds) ? "n/a" : String.format(Locale.ROOT, "%.2f", cpuSeconds / seconds);
    }

    /**
     * User + system time of every live process whose command is {@code postgres}, plus the time of the children they
     * reaped (the postmaster's cutime/cstime holds the backends, autovacuum workers... that have exited), so the sum
     * only grows even when connections close during a phase.
     */
    private static double postgresSeconds() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open < 0 || close < open || !stat.substring(open + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    // After "pid (comm) ": state is field 3 of proc_pid_stat(5); utime 14, stime 15, cutime 16, cstime 17.
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14]);
                } catch (IOException | RuntimeException e) {
                    // the process ended, or is not readable
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Non-idle time of all CPUs from the first line of {@code /proc/stat}. */
    private static double machineBusySeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
