package dev.modelregistry.bench;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What every benchmark's {@code main} does around its work: parse the options (exit 2 with the usage when they are
 * wrong), keep the in-process server's per-request log quiet unless asked, and exit 1 with the cause when the run
 * fails, 0 when it passed.
 */
final class BenchMain {
    /** A benchmark run that may fail with any exception. */
    @FunctionalInterface
    interface Run<O> {
        void run(O options) throws Exception;
    }

    /** The command line split into {@code --name value} settings and bare {@code --flag}s. */
    record Arguments(Map<String, String> values, Set<String> flags) {
        boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    private BenchMain() {
    }

    static <O> void main(String name, String[] args, Function<String[], O> parse, String usage,
                         Function<O, Boolean> serverLog, Run<O> run) {
        O options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return;
        }
        // Before the first logger exists: the server logs every request at INFO, which would flood the output
        // and put console I/O into the measurement.
        if (!serverLog.apply(options) && System.getProperty("MODELREG_LOG_LEVEL") == null) {
            System.setProperty("MODELREG_LOG_LEVEL", "WARN");
        }
        try {
            run.run(options);
        } catch (Exception e) {
            System.err.println(name + " benchmark FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Splits {@code --name value}, {@code --name=value} and the given bare flags; anything else is refused. */
    static Arguments split(String[] args, Set<String> knownFlags) {
        Map<String, String> values = new java.util.HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (knownFlags.contains(arg)) {
                flags.add(arg);
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return new Arguments(values, flags);
    }

    /** Seconds since {@code startNanos} ({@link System#nanoTime()}). */
    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** One line of a benchmark's report, flushed at once (runs take minutes). */
    static void print(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }

    /** Removes a run's temporary directory and everything in it. */
    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
