package dev.modelregistry.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the webhook delivery benchmark, from {@code --name value} arguments, then {@code MODELREG_BENCH_*}
 * variables, then defaults.
 *
 * @param rate      events offered per second (registrations of new versions, each one event)
 * @param seconds   how long the measured load runs
 * @param warmup    load before the measured window, not counted
 * @param models    models the registrations go round (each model's events are delivered in order)
 * @param sqlite    also run against an embedded SQLite registry after PostgreSQL
 * @param serverLog keep the server's per-request log lines
 */
record WebhookOptions(String pgUrl, int rate, Duration seconds, Duration warmup, int models, boolean sqlite,
                      boolean serverLog) {
    WebhookOptions {
        if (rate < 1 || rate > 2000) {
            throw new IllegalArgumentException("--rate must be 1-2000 events/s");
        }
        if (seconds.isNegative() || seconds.isZero() || seconds.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("--seconds must be 1-1800");
        }
        if (warmup.isNegative() || warmup.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("--warmup must be 0-300 seconds");
        }
        if (models < 1 || models > 1000) {
            throw new IllegalArgumentException("--models must be 1-1000");
        }
    }

    static final String USAGE = """
            usage: WebhookBenchmark [--pg-url URL] [--rate N] [--seconds S] [--warmup S] [--models N] [--sqlite]
                                    [--server-log]
              --pg-url      JDBC URL of the PostgreSQL to use (MODELREG_BENCH_PG_URL); default %s
                            the database is created when missing; each run uses a fresh schema and drops it
              --rate        events offered per second, open loop (MODELREG_BENCH_RATE, default 100)
              --seconds     measured seconds of load (MODELREG_BENCH_SECONDS, default 30)
              --warmup      seconds of load first, not counted (MODELREG_BENCH_WARMUP, default 5)
              --models      models the events are spread over (MODELREG_BENCH_MODELS, default 10)
              --sqlite      also run against an embedded SQLite registry after PostgreSQL
              --server-log  keep the server's per-request log lines
            """.formatted(BenchOptions.DEFAULT_PG_URL);

    static WebhookOptions parse(String[] args, Map<String, String> env) {
        BenchMain.Arguments arguments = BenchMain.split(args, Set.of("--server-log", "--sqlite"));
        BenchOptions.Settings s = new BenchOptions.Settings(arguments.values(), env);
        WebhookOptions options = new WebhookOptions(s.text("pg-url", BenchOptions.DEFAULT_PG_URL),
                (int) s.number("rate", 100), Duration.ofSeconds(s.number("seconds", 30)),
                Duration.ofSeconds(s.number("warmup", 5)), (int) s.number("models", 10), arguments.has("--sqlite"),
                arguments.has("--server-log"));
        s.requireAllUsed();
        return options;
    }
}
