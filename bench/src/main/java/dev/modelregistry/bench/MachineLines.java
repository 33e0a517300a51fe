package dev.modelregistry.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** The lines each benchmark report opens with after its title: the machine, its load around the run, the JVM. */
final class MachineLines {
    private MachineLines() {
    }

    /** {@code loadBefore} and {@code loadAfter} as each benchmark reads the load average: one figure, or three. */
    static List<String> of(String loadBefore, String loadAfter) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String machine = String.format(Locale.ROOT,
                "machine: %d cores, %.1f GiB RAM, %s %s %s; load average %s before, %s after",
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                loadBefore, loadAfter);
        String java = "java: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
        return List.of(machine, java);
    }

    /** A one-figure load average as the reports print it. */
    static String load(double loadAverage) {
        return String.format(Locale.ROOT, "%.2f", loadAverage);
    }
}
