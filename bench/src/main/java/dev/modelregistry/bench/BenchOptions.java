package dev.modelregistry.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the registration benchmark, from {@code --name value} / {@code --name=value} arguments, then
 * {@code MODELREG_BENCH_*} variables, then defaults.
 *
 * @param maxRequests     a safety bound per phase: the phase ends early (and says so) when it is reached
 * @param oneModelSeconds measured seconds of the extra run with every client on one model; 0 skips it
 * @param serverLog       keep the server's per-request INFO log (off by default: it would flood the output)
 */
record BenchOptions(String pgUrl, int clients, int models, Duration warmup, Duration measured, long maxRequests,
                    Duration oneModelMeasured, boolean serverLog) {

    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/modelreg_bench?user=postgres";

    BenchOptions {
        if (clients < 1 || clients > 1024) {
            throw new IllegalArgumentException("--clients must be 1-1024");
        }
        if (models < 1 || models > 10_000) {
            throw new IllegalArgumentException("--models must be 1-10000");
        }
        if (measured.isZero() || measured.isNegative()) {
            throw new IllegalArgumentException("--seconds must be positive");
        }
        if (warmup.isNegative() || oneModelMeasured.isNegative()) {
            throw new IllegalArgumentException("--warmup and --one-model-seconds must not be negative");
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("--max-requests must be positive");
        }
    }

    static final String USAGE = """
            usage: RegistrationBenchmark [--pg-url URL] [--clients N] [--models N] [--seconds S] [--warmup S]
                                         [--one-model-seconds S] [--max-requests N] [--server-log]
              --pg-url             JDBC URL of the PostgreSQL to use (MODELREG_BENCH_PG_URL);
                                   default %s
                                   the database is created when missing; each run uses a fresh schema and drops it
              --clients            concurrent HTTP clients and JDBC connections (MODELREG_BENCH_CLIENTS, default 32)
              --models             models the registrations are spread over (MODELREG_BENCH_MODELS, default 32)
              --seconds            measured seconds per phase (MODELREG_BENCH_SECONDS, default 20)
              --warmup             warm-up seconds before each phase (MODELREG_BENCH_WARMUP, default 5)
              --one-model-seconds  measured seconds of the run with all clients on one model, 0 to skip
                                   (MODELREG_BENCH_ONE_MODEL_SECONDS, default 10)
              --max-requests       upper bound of requests per phase (MODELREG_BENCH_MAX_REQUESTS, default 2000000)
              --server-log         keep the server's per-request log lines
            """.formatted(DEFAULT_PG_URL);

    static BenchOptions parse(String[] args, Map<String, String> env) {
        BenchMain.Arguments arguments = BenchMain.split(args, Set.of("--server-log"));
        Map<String, String> given = arguments.values();
        boolean serverLog = arguments.has("--server-log");
        Settings s = new Settings(given, env);
        BenchOptions options = new BenchOptions(
                s.text("pg-url", DEFAULT_PG_URL),
                (int) s.number("clients", 32),
                (int) s.number("models", 32),
                Duration.ofSeconds(s.number("warmup", 5)),
                Duration.ofSeconds(s.number("seconds", 20)),
                s.number("max-requests", 2_000_000),
                Duration.ofSeconds(s.number("one-model-seconds", 10)),
                serverLog);
        s.requireAllUsed();
        return options;
    }

    /** Looks a setting up in the arguments, then in {@code MODELREG_BENCH_<NAME>} (shared with the other benchmarks). */
    static final class Settings {
        private final Map<String, String> given;
        private final Map<String, String> env;

        Settings(Map<String, String> given, Map<String, String> env) {
            this.given = new HashMap<>(given);
            this.env = env;
        }

        String text(String name, String fallback) {
            String value = given.remove(name);
            if (value == null) {
                value = env.get("MODELREG_BENCH_" + name.toUpperCase().replace('-', '_'));
            }
            return value == null || value.isBlank() ? fallback : value;
        }

        long number(String name, long fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
            }
        }

        void requireAllUsed() {
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", given.keySet()));
            }
        }
    }
}
