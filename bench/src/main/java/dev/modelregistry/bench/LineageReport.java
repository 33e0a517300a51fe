package dev.modelregistry.bench;

import dev.modelregistry.server.RegistryServer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The printed result of a lineage run, section by section: the machine and the setting, each load next to its COPY
 * baseline and their ratio, the queries next to the primary-key SELECT, then sizes, checks and the run time.
 */
final class LineageReport {
    /** The four loads; the fill loads are null when the run has no fills. */
    record Loads(ChunkedLoad.Result signalsApi, ChunkedLoad.Result signalsCopy, ChunkedLoad.Result fillsApi,
                 ChunkedLoad.Result fillsCopy) {
        List<ChunkedLoad.Result> all() {
            return Stream.of(signalsApi, signalsCopy, fillsApi, fillsCopy).filter(Objects::nonNull).toList();
        }
    }

    private final LineageOptions options;
    private final BenchDatabase database;
    private final List<String> lines = new ArrayList<>();

    /** Starts with the title, the machine (with the load average before and after the run) and the JVM. */
    LineageReport(LineageOptions options, BenchDatabase database, Instant startedAt, double loadBefore,
                  double loadAfter) {
        this.options = options;
        this.database = database;
        lines.add("== lineage benchmark, " + startedAt + " ==");
        lines.addAll(MachineLines.of(MachineLines.load(loadBefore), MachineLines.load(loadAfter)));
    }

    /** The database, the server and its clients, the data, the disk before the run, the sizes of the requests. */
    LineageReport setting(RegistryServer server, LineageSetup.Result setup, Instant epoch, String diskBefore)
            throws Exception {
        lines.add("postgresql: " + database.queryText("SELECT version()") + "; synchronous_commit="
                + database.queryText("SHOW synchronous_commit") + " shared_buffers="
                + database.queryText("SHOW shared_buffers") + " max_wal_size=" + database.queryText("SHOW max_wal_size"));
        lines.add("server: in-process on 127.0.0.1, DB pool " + server.database().dataSource().getMaximumPoolSize()
                + " connections; ingest clients in the same JVM, one keep-alive HTTP/1.1 connection each ("
                + (options.jdkClient() ? "java.net.http.HttpClient, BodyPublishers.ofInputStream / BodyHandlers.ofInputStream"
                : "full-duplex socket client: the body is sent while the results are read")
                + "), chunked NDJSON bodies generated while sent; queries: one java.net.http.HttpClient per thread");
        lines.add("data: " + setup.summary() + "; signal i emitted at " + epoch + " + i ms by version i mod "
                + setup.modelIds().size() + ", fill i executes signal i 3 ms later");
        lines.add(diskBefore);
        lines.add(String.format(Locale.ROOT, "ingest: %d clients, %,d lines per request; COPY: %d connections, %,d rows "
                        + "(2 COPYs: data + key table) per transaction", options.clients(), options.linesPerRequest(),
                options.clients(), options.linesPerRequest()));
        return this;
    }

    /** Each load and its baseline, their ratios, the rate by tenth of each load, and each phase's conditions. */
    LineageReport loads(Loads loads, List<String> phases) {
        ChunkedLoad.Result signalsApi = loads.signalsApi();
        ChunkedLoad.Result signalsCopy = loads.signalsCopy();
        lines.add(loadLine("ingest signals:", signalsApi, "events/s"));
        lines.add(loadLine("COPY signals:", signalsCopy, "rows/s"));
        lines.add(String.format(Locale.ROOT, "ratio: ingest/COPY signals = %.3f", signalsApi.perSecond() / signalsCopy.perSecond()));
        if (loads.fillsApi() != null) {
            ChunkedLoad.Result fillsApi = loads.fillsApi();
            ChunkedLoad.Result fillsCopy = loads.fillsCopy();
            lines.add(loadLine("ingest fills:", fillsApi, "events/s"));
            lines.add(loadLine("COPY fills:", fillsCopy, "rows/s"));
            lines.add(String.format(Locale.ROOT, "ratio: ingest/COPY fills = %.3f", fillsApi.perSecond() / fillsCopy.perSecond()));
            double apiAll = (signalsApi.rows() + fillsApi.rows()) / (signalsApi.seconds() + fillsApi.seconds());
            double copyAll = (signalsCopy.rows() + fillsCopy.rows()) / (signalsCopy.seconds() + fillsCopy.seconds());
            lines.add(String.format(Locale.ROOT, "combined: ingest %,d events in %.1f s = %.0f events/s; COPY %.0f rows/s; "
                            + "ratio ingest/COPY = %.3f", signalsApi.rows() + fillsApi.rows(),
                    signalsApi.seconds() + fillsApi.seconds(), apiAll, copyAll, apiAll / copyAll));
        }
        lines.add("rate by tenth of each load (rows/s, first to last tenth):");
        for (ChunkedLoad.Result r : loads.all()) {
            lines.add(String.format(Locale.ROOT, "  %-15s %s", r.label(), r.tenthRatesText()));
        }
        lines.add("phases:");
        phases.forEach(p -> lines.add("  " + p));
        return this;
    }

    /** The API's latency next to the primary-key SELECT's, and their ratio; nothing when the run made no queries. */
    LineageReport queries(LineageQueries.Result queries) {
        if (queries == null) {
            return this;
        }
        lines.add(String.format(Locale.ROOT, "queries: %,d uniformly random fill ids of %,d (seed %x), %d threads, "
                        + "each after %,d warm-up queries; the API first, then the SELECT", options.queries(),
                options.fills(), LineageBenchmark.SEED, options.queryThreads(), options.queryWarmup()));
        lines.add(queryLine("GET /lineage/fills/{id}:", queries.api()) + String.format(Locale.ROOT,
                "; answers %,d bytes on average, %d with deployment_at_emission, %d with ensemble children",
                queries.meanAnswerBytes(), queries.withDeployment(), queries.withChildren()));
        lines.add(queryLine("raw PK SELECT:", queries.sql()) + " (SELECT * FROM fill_keys WHERE fill_id = ?, plain JDBC)");
        Latencies a = queries.api().latencies();
        Latencies s = queries.sql().latencies();
        lines.add(String.format(Locale.ROOT, "ratio: API/raw p50 = %.1f, p99 = %.1f",
                a.percentileMillis(50) / s.percentileMillis(50), a.percentileMillis(99) / s.percentileMillis(99)));
        lines.add("  query-api " + queries.api().cpu() + "; query-sql " + queries.sql().cpu()
                + "; autovacuum workers running when the queries started: " + queries.autovacuumWorkers());
        return this;
    }

    LineageReport sizes(List<String> sizes) {
        lines.addAll(sizes);
        return this;
    }

    LineageReport checks(List<String> checks) {
        lines.addAll(checks.stream().map(c -> "check: " + c).toList());
        return this;
    }

    /** Ends the report with the run time and prints it to stdout, all at once. */
    void print(double totalSeconds) {
        lines.add(String.format(Locale.ROOT, "total run time %.0f s", totalSeconds));
        System.out.println(String.join(System.lineSeparator(), lines));
    }

    private static String loadLine(String label, ChunkedLoad.Result r, String unit) {
        return String.format(Locale.ROOT, "%-16s %,11d in %7.1f s = %7.0f %s", label, r.rows(), r.seconds(),
                r.perSecond(), unit);
    }

    private static String queryLine(String label, FixedCount.Result r) {
        Latencies l = r.latencies();
        return String.format(Locale.ROOT, "%-24s p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %6.0f queries/s", label,
                l.percentileMillis(50), l.percentileMillis(99), l.maxMillis(), r.perSecond());
    }
}
