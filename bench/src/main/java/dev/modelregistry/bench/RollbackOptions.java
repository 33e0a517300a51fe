package dev.modelregistry.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the rollback propagation benchmark, from {@code --name value} / {@code --name=value} arguments, then
 * {@code MODELREG_BENCH_*} variables, then defaults. Everything is bounded: guards, rollbacks, baseline requests and
 * every wait.
 *
 * @param guards           deploy guards watching the model, each with its own HTTP client, cache and state file
 * @param rollbacks        measured rollbacks (each followed, except the last, by the promotion of a new version)
 * @param warmupRollbacks  rollbacks (and promotions) done first and not counted, so the JIT has compiled the path
 * @param rawRollbacks     measured rollbacks with bare long-poll watchers instead of guards (same count); 0 skips
 * @param baselineRequests sequential requests per baseline (after {@code baselineRequests / 10} uncounted ones)
 * @param settle           pause before each rollback, so every guard is back in its long-poll
 * @param roundTimeout     how long every guard may take to see a revision before the run fails
 * @param artifactBytes    size of each version's one artifact
 * @param sqlite           also run everything against an embedded SQLite registry (in-process notifications)
 * @param serverLog        keep the server's per-request INFO log (off by default: it would flood the output)
 */
record RollbackOptions(String pgUrl, int guards, int rollbacks, int warmupRollbacks, int rawRollbacks,
                       int baselineRequests, Duration settle, Duration roundTimeout, int artifactBytes, boolean sqlite, boolean serverLog) {

    RollbackOptions {
        if (guards < 1 || guards > 1000) {
            throw new IllegalArgumentException("--guards must be 1-1000");
        }
        if (rollbacks < 1 || rollbacks > 1000) {
            throw new IllegalArgumentException("--rollbacks must be 1-1000");
        }
        if (warmupRollbacks < 0 || warmupRollbacks > 100) {
            throw new IllegalArgumentException("--warmup-rollbacks must be 0-100");
        }
        if (rawRollbacks < 0 || rawRollbacks > 1000) {
            throw new IllegalArgumentException("--raw-rollbacks must be 0-1000");
        }
        if (baselineRequests < 10 || baselineRequests > 1_000_000) {
            throw new IllegalArgumentException("--baseline-requests must be 10-1000000");
        }
        if (settle.isNegative() || settle.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("--settle-ms must be 0-10000");
        }
        if (roundTimeout.compareTo(Duration.ofSeconds(1)) < 0 || roundTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--round-timeout must be 1-600 seconds");
        }
        if (artifactBytes < 1 || artifactBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("--artifact-bytes must be 1 to 64 MiB");
        }
    }

    static final String USAGE = """
            usage: RollbackBenchmark [--pg-url URL] [--guards N] [--rollbacks N] [--warmup-rollbacks N]
                                     [--raw-rollbacks N] [--baseline-requests N] [--settle-ms MS]
                                     [--round-timeout S] [--artifact-bytes N] [--sqlite] [--server-log]
              --pg-url             JDBC URL of the PostgreSQL to use (MODELREG_BENCH_PG_URL);
                                   default %s
                                   the database is created when missing; each run uses a fresh schema and drops it
              --guards             deploy guards watching the model (MODELREG_BENCH_GUARDS, default 100)
              --rollbacks          measured rollbacks (MODELREG_BENCH_ROLLBACKS, default 30)
              --warmup-rollbacks   uncounted rollbacks first (MODELREG_BENCH_WARMUP_ROLLBACKS, default 2)
              --raw-rollbacks      rollbacks measured again with as many bare long-poll watchers (no verification)
                                   in place of the guards, 0 skips (MODELREG_BENCH_RAW_ROLLBACKS, default 30)
              --baseline-requests  requests per baseline round trip (MODELREG_BENCH_BASELINE_REQUESTS, default 1000)
              --settle-ms          pause before each rollback (MODELREG_BENCH_SETTLE_MS, default 250)
              --round-timeout      seconds every guard may take to see a revision, else the run fails
                                   (MODELREG_BENCH_ROUND_TIMEOUT, default 30)
              --artifact-bytes     size of each version's artifact (MODELREG_BENCH_ARTIFACT_BYTES, default 65536)
              --sqlite             also run against an embedded SQLite registry after PostgreSQL
              --server-log         keep the server's per-request log lines
            """.formatted(BenchOptions.DEFAULT_PG_URL);

    static RollbackOptions parse(String[] args, Map<String, String> env) {
        BenchMain.Arguments arguments = BenchMain.split(args, Set.of("--server-log", "--sqlite"));
        Map<String, String> given = arguments.values();
        boolean sqlite = arguments.has("--sqlite");
        boolean serverLog = arguments.has("--server-log");
        BenchOptions.Settings s = new BenchOptions.Settings(given, env);
        RollbackOptions options = new RollbackOptions(
                s.text("pg-url", BenchOptions.DEFAULT_PG_URL),
                (int) s.number("guards", 100),
                (int) s.number("rollbacks", 30),
                (int) s.number("warmup-rollbacks", 2),
                (int) s.number("raw-rollbacks", 30),
                (int) s.number("baseline-requests", 1000),
                Duration.ofMillis(s.number("settle-ms", 250)),
                Duration.ofSeconds(s.number("round-timeout", 30)),
                (int) s.number("artifact-bytes", 64 * 1024),
                sqlite,
                serverLog);
        s.requireAllUsed();
        return options;
    }
}
