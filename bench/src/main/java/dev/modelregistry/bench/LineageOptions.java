package dev.modelregistry.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the lineage benchmark, from {@code --name value} / {@code --name=value} arguments, then
 * {@code MODELREG_BENCH_*} variables, then defaults.
 *
 * @param epoch        the {@code emitted_at} of signal 0 (signal i is emitted i ms later); null: the moment the
 *                     setup finished (after the promotions), so every signal finds its model's deployment history
 * @param stall        the run fails when an ingest or COPY phase makes no progress for this long
 * @param jdkClient    ingest with the JDK HttpClient (default) rather than the full-duplex socket client
 * @param keep         keep the schema (server tables and COPY tables) at the end instead of dropping it
 */
record LineageOptions(String pgUrl, long signals, long fills, int clients, int linesPerRequest, int queries,
                      int queryWarmup, int queryThreads, Instant epoch, Duration stall, boolean jdkClient, boolean keep,
                      boolean serverLog) {

    static final long MAX_EVENTS = 1_000_000_000L;

    LineageOptions {
        if (signals < 1 || signals > MAX_EVENTS || fills < 0 || fills > signals) {
            throw new IllegalArgumentException("--signals must be 1-" + MAX_EVENTS + " and --fills 0-signals "
                    + "(fill i refers to signal i)");
        }
        if (clients < 1 || clients > 64) {
            throw new IllegalArgumentException("--clients must be 1-64");
        }
        if (linesPerRequest < 1 || linesPerRequest > 10_000_000) {
            throw new IllegalArgumentException("--lines-per-request must be 1-10000000");
        }
        if (queries < 0 || queries > 10_000_000 || queryWarmup < 0 || queryWarmup > 10_000_000) {
            throw new IllegalArgumentException("--queries and --query-warmup must be 0-10000000");
        }
        if (queries > 0 && fills == 0) {
            throw new IllegalArgumentException("--queries needs fills to query (--fills > 0, or --queries 0)");
        }
        if (queryThreads < 1 || queryThreads > 256) {
            throw new IllegalArgumentException("--query-threads must be 1-256");
        }
        if (stall.toSeconds() < 10) {
            throw new IllegalArgumentException("--stall-seconds must be at least 10");
        }
    }

    static final String USAGE = """
            usage: LineageBenchmark [--pg-url URL] [--signals N] [--fills N] [--clients N] [--lines-per-request N]
                                    [--queries N] [--query-warmup N] [--query-threads N] [--epoch T]
                                    [--stall-seconds S] [--transport jdk|socket] [--keep] [--server-log]
              --pg-url             JDBC URL of the PostgreSQL to use (MODELREG_BENCH_PG_URL);
                                   default %s
                                   the database is created when missing; each run uses a fresh schema
              --signals            signals to ingest, and to COPY in the baseline (MODELREG_BENCH_SIGNALS, 10000000)
              --fills              fills to ingest and COPY, at most --signals (MODELREG_BENCH_FILLS, 10000000)
              --clients            concurrent ingest HTTP clients and COPY connections (MODELREG_BENCH_CLIENTS, 4)
              --lines-per-request  NDJSON lines per ingest request, and rows per COPY transaction
                                   (MODELREG_BENCH_LINES_PER_REQUEST, 100000)
              --queries            measured GET /lineage/fills/{id} and primary-key SELECTs, each
                                   (MODELREG_BENCH_QUERIES, 5000; 0 skips the query phase)
              --query-warmup       unmeasured queries before each (MODELREG_BENCH_QUERY_WARMUP, 500)
              --query-threads      concurrent query threads (MODELREG_BENCH_QUERY_THREADS, 4)
              --epoch              emitted_at of signal 0, RFC 3339 (MODELREG_BENCH_EPOCH); default: the end of the
                                   setup, so that every signal is emitted after its model's promotion
              --stall-seconds      fail when a load phase makes no progress for this long (default 300)
              --transport          ingest client: jdk (default; java.net.http.HttpClient, which hands the response
                                   over only after it sent the whole body) or socket (a minimal full-duplex HTTP/1.1
                                   client that reads the results while it sends; for a server that streams them)
              --keep               keep the schema at the end (default: dropped)
              --server-log         keep the server's per-request log lines
            """.formatted(BenchOptions.DEFAULT_PG_URL);

    static LineageOptions parse(String[] args, Map<String, String> env) {
        BenchMain.Arguments arguments = BenchMain.split(args, Set.of("--keep", "--server-log"));
        Map<String, String> given = arguments.values();
        boolean keep = arguments.has("--keep");
        boolean serverLog = arguments.has("--server-log");
        BenchOptions.Settings s = new BenchOptions.Settings(given, env);
        String epochText = s.text("epoch", null);
        Instant epoch;
        try {
            epoch = epochText == null ? null : Instant.parse(epochText.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--epoch must be an RFC 3339 time like 2026-01-01T00:00:00Z");
        }
        String transport = s.text("transport", "jdk");
        if (!transport.equals("socket") && !transport.equals("jdk")) {
            throw new IllegalArgumentException("--transport must be socket or jdk");
        }
        LineageOptions options = new LineageOptions(
                s.text("pg-url", BenchOptions.DEFAULT_PG_URL),
                s.number("signals", 10_000_000),
                s.number("fills", 10_000_000),
                (int) s.number("clients", 4),
                (int) s.number("lines-per-request", 100_000),
                (int) s.number("queries", 5_000),
                (int) s.number("query-warmup", 500),
                (int) s.number("query-threads", 4),
                epoch,
                Duration.ofSeconds(s.number("stall-seconds", 300)),
                transport.equals("jdk"),
                keep,
                serverLog);
        s.requireAllUsed();
        return options;
    }
}
