package dev.modelregistry.bench;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Lineage at scale (issue 5, SPEC Performance): N signals and N fills ingested through the NDJSON API of an
 * in-process server on PostgreSQL, next to a raw {@code COPY} of the same rows in the same run (the ratio is the
 * figure); then, with everything loaded, the latency of {@code GET /lineage/fills/{fill_id}} for uniformly random
 * ids next to a raw primary-key SELECT of the same ids. Events are generated on the fly ({@link EventLines}):
 * nothing of the load is ever held in memory or written to disk outside PostgreSQL.
 */
public final class LineageBenchmark {
    /**
     * Disk a run needs per event (signal or fill), for the pre-flight check: the server's tables and the COPY tables
     * took 479 bytes per event each in the 10M + 10M runs (tables and indexes), plus room for WAL and autovacuum.
     * The run refuses to start when the database's file system has less free space than that.
     */
    static final long ESTIMATED_DISK_BYTES_PER_EVENT = 1_300;
    /** The seed of every random choice of a run (the text check's sample, the queried ids), so runs compare. */
    static final long SEED = 0x5eed_11aeL;

    private final LineageOptions options;
    private final BenchDatabase database;
    private final List<String> phaseLoads = new ArrayList<>();

    private LineageBenchmark(LineageOptions options, BenchDatabase database) {
        this.options = options;
        this.database = database;
    }

    public static void main(String[] args) {
        BenchMain.main("lineage", args, a -> LineageOptions.parse(a, System.getenv()), LineageOptions.USAGE,
                LineageOptions::serverLog, options -> {
                    BenchDatabase database = BenchDatabase.prepare(options.pgUrl());
                    try {
                        new LineageBenchmark(options, database).run();
                    } finally {
                        if (options.keep()) {
                            progress("kept schema " + database.schema() + " (--keep); drop it with DROP SCHEMA "
                                    + database.schema() + " CASCADE");
                        } else {
                            dropQuietly(database);
                        }
                    }
                });
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        double loadBefore = loadAverage();
        String diskBefore = checkDisk();
        Path dataDir = Files.createTempDirectory("modelreg-bench");
        String adminToken = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ServerConfig config = ServerConfig.embeddedDefaults(dataDir)
                .withPort(0)
                .withDb(database.schemaUrl())
                .withBootstrapAdminToken(adminToken);
        progress("starting the server on " + config.host() + " with schema " + database.schema());
        try (RegistryServer server = RegistryServer.start(config)) {
            String baseUrl = "http://" + config.host() + ":" + server.port();
            LineageSetup.Result setup = LineageSetup.run(baseUrl, adminToken);
            Instant epoch = options.epoch() != null ? options.epoch()
                    : Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            EventLines lines = new EventLines(setup.modelIds(), epoch);
            progress("set up " + setup.summary() + "; signal 0 emitted at " + epoch);
            LineageReport.Loads loads = load(baseUrl, setup.memberToken(), lines);
            List<String> checks = List.of(resendCheck(baseUrl, setup.memberToken(), lines), countCheck(),
                    textCheck(lines));
            LineageQueries.Result queries = options.queries() > 0
                    ? new LineageQueries(options, database, lines).run(baseUrl, setup.memberToken()) : null;
            List<String> sizes = sizes();
            double loadAfter = loadAverage();
            double totalSeconds = (System.nanoTime() - started) / 1e9;
            new LineageReport(options, database, startedAt, loadBefore, loadAfter)
                    .setting(server, setup, epoch, diskBefore).loads(loads, phaseLoads).queries(queries)
                    .sizes(sizes).checks(checks).print(totalSeconds);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    // ---------------------------------------------------------------- load phases

    /** Signals through the API, then by COPY; then the same for fills, if the run has any. */
    private LineageReport.Loads load(String baseUrl, String token, EventLines lines) throws Exception {
        database.execute(CopyLoad.TABLES_DDL);
        Map<String, Long> versionRowIds = versionRowIds();
        ChunkedLoad.Result signalsApi = ingest(baseUrl, token, lines, EventLines.Kind.SIGNALS, options.signals());
        ChunkedLoad.Result signalsCopy = copy(lines, EventLines.Kind.SIGNALS, options.signals(), versionRowIds);
        ChunkedLoad.Result fillsApi = null;
        ChunkedLoad.Result fillsCopy = null;
        if (options.fills() > 0) {
            fillsApi = ingest(baseUrl, token, lines, EventLines.Kind.FILLS, options.fills());
            fillsCopy = copy(lines, EventLines.Kind.FILLS, options.fills(), versionRowIds);
        }
        return new LineageReport.Loads(signalsApi, signalsCopy, fillsApi, fillsCopy);
    }

    private ChunkedLoad.Result ingest(String baseUrl, String token, EventLines lines, EventLines.Kind kind, long count)
            throws Exception {
        String label = "ingest-" + kind.name().toLowerCase(Locale.ROOT);
        progress(String.format(Locale.ROOT, "%s: %,d lines through POST %s, %d clients, %,d lines per request",
                label, count, kind.path, options.clients(), options.linesPerRequest()));
        ChunkedLoad.Result result = ChunkedLoad.run(label, count, options.linesPerRequest(), options.clients(),
                options.stall(), new IngestLoad(baseUrl, token, lines, kind, "accepted", options.jdkClient(),
                        options.linesPerRequest()));
        phaseDone(result);
        return result;
    }

    private ChunkedLoad.Result copy(EventLines lines, EventLines.Kind kind, long count, Map<String, Long> versionRowIds)
            throws Exception {
        String label = "copy-" + kind.name().toLowerCase(Locale.ROOT);
        progress(String.format(Locale.ROOT, "%s: %,d rows by COPY into %s + %s, %d connections, %,d rows per transaction",
                label, count, CopyLoad.dataTable(kind), CopyLoad.keyTable(kind), options.clients(),
                options.linesPerRequest()));
        ChunkedLoad.Result result = ChunkedLoad.run(label, count, options.linesPerRequest(), options.clients(),
                options.stall(), new CopyLoad(database, lines, kind, versionRowIds));
        phaseDone(result);
        return result;
    }

    private void phaseDone(ChunkedLoad.Result result) {
        String note = String.format(Locale.ROOT, "%s %.0f s, load average %.2f at its end, %s", result.label(),
                result.seconds(), loadAverage(), result.cpu());
        phaseLoads.add(note);
        progress(String.format(Locale.ROOT, "%s: %,d rows in %.1f s = %.0f rows/s", result.label(), result.rows(),
                result.seconds(), result.perSecond()));
    }

    private Map<String, Long> versionRowIds() throws Exception {
        Map<String, Long> ids = new HashMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, version_id FROM model_versions")) {
            while (rs.next()) {
                ids.put(rs.getString(2), rs.getLong(1));
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- checks

    /** An identical re-send must be a no-op answered "duplicate" for every line. */
    private String resendCheck(String baseUrl, String token, EventLines lines) throws Exception {
        long count = Math.min(options.signals(), Math.min(options.linesPerRequest(), 20_000));
        ChunkedLoad.Result result = ChunkedLoad.run("resend-signals", count, (int) count, 1, options.stall(),
                new IngestLoad(baseUrl, token, lines, EventLines.Kind.SIGNALS, "duplicate", options.jdkClient(), count));
        return String.format(Locale.ROOT, "re-sent %,d signals: all answered duplicate (%.0f lines/s)", count,
                result.perSecond());
    }

    /** Every accepted line is one key row and one data row; the COPY tables hold the same number. */
    private String countCheck() throws Exception {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("signal_keys", options.signals());
        expected.put("signals", options.signals());
        expected.put("fill_keys", options.fills());
        expected.put("fills", options.fills());
        expected.put("copy_signal_keys", options.signals());
        expected.put("copy_signals", options.signals());
        expected.put("copy_fill_keys", options.fills());
        expected.put("copy_fills", options.fills());
        for (Map.Entry<String, Long> table : expected.entrySet()) {
            long rows = database.queryLong("SELECT count(*) FROM " + table.getKey());
            if (rows != table.getValue()) {
                throw new IllegalStateException(table.getKey() + " holds " + rows + " rows, expected " + table.getValue());
            }
        }
        return String.format(Locale.ROOT, "row counts: signal_keys = signals = copy_signal_keys = copy_signals = %,d; "
                + "fill_keys = fills = copy_fill_keys = copy_fills = %,d", options.signals(), options.fills());
    }

    /** The server stored each line's text as sent (so the COPY baseline wrote the same text): checked on a sample. */
    private String textCheck(EventLines lines) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED ^ 0x7e47);
        int checked = 0;
        EventLines.Writer writer = lines.writer();
        try (Connection c = database.connect()) {
            for (EventLines.Kind kind : EventLines.Kind.values()) {
                long count = kind == EventLines.Kind.SIGNALS ? options.signals() : options.fills();
                if (count == 0) {
                    continue;
                }
                checked += checkStored(c, kind, sample(kind, count, random, writer));
            }
        }
        return checked + " sampled stored bodies equal the lines sent (and the COPY rows)";
    }

    /** 100 random lines of one kind, as they were sent, by their id. */
    private static Map<String, String> sample(EventLines.Kind kind, long count, SplittableRandom random,
                                              EventLines.Writer writer) {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            long index = random.nextLong(count);
            StringBuilder line = new StringBuilder();
            writer.line(kind, line, index);
            expected.put(kind.idPrefix + index, line.toString());
        }
        return expected;
    }

    /** Compares each sampled line with the body the server stored under its id; answers how many it compared. */
    private static int checkStored(Connection c, EventLines.Kind kind, Map<String, String> expected)
            throws SQLException {
        String table = kind == EventLines.Kind.SIGNALS ? "signals" : "fills";
        String idColumn = kind == EventLines.Kind.SIGNALS ? "signal_id" : "fill_id";
        int checked = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + idColumn + ", body FROM " + table + " WHERE " + idColumn + " = ANY (?)")) {
            Array ids = c.createArrayOf("text", expected.keySet().toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String want = expected.remove(rs.getString(1));
                    if (!rs.getString(2).equals(want)) {
                        throw new IllegalStateException("stored " + table + " body differs from the line sent: "
                                + rs.getString(2) + " vs " + want);
                    }
                    checked++;
                }
            }
        }
        if (!expected.isEmpty()) {
            throw new IllegalStateException(table + " lacks " + expected.keySet());
        }
        return checked;
    }

    // ---------------------------------------------------------------- sizes and disk

    private List<String> sizes() throws Exception {
        List<String> out = new ArrayList<>();
        long serverTotal = 0;
        long copyTotal = 0;
        StringBuilder server = new StringBuilder("server tables:");
        for (String table : List.of("signals", "signal_keys", "fills", "fill_keys")) {
            long bytes = relationSize(table);
            serverTotal += bytes;
            server.append(' ').append(table).append(' ').append(gib(bytes));
        }
        StringBuilder copy = new StringBuilder("COPY tables:");
        for (String table : List.of("copy_signals", "copy_signal_keys", "copy_fills", "copy_fill_keys")) {
            long bytes = relationSize(table);
            copyTotal += bytes;
            copy.append(' ').append(table).append(' ').append(gib(bytes));
        }
        long events = options.signals() + options.fills();
        server.append(String.format(Locale.ROOT, "; total %s = %.0f bytes/event (tables and indexes)",
                gib(serverTotal), (double) serverTotal / events));
        copy.append(String.format(Locale.ROOT, "; total %s = %.0f bytes/event", gib(copyTotal), (double) copyTotal / events));
        out.add(server.toString());
        out.add(copy.toString());
        out.add("database " + database.queryText("SELECT current_database()") + ": "
                + gib(database.queryLong("SELECT pg_database_size(current_database())")) + "; " + diskFree());
        return out;
    }

    /** Tables and their indexes (TOAST included); a partitioned table is the sum of its partitions. */
    private long relationSize(String table) throws Exception {
        return database.queryLong("SELECT pg_total_relation_size('" + table + "'::regclass) + coalesce((SELECT "
                + "sum(pg_total_relation_size(relid)) FROM pg_partition_tree('" + table + "') WHERE relid <> '" + table
                + "'::regclass), 0)");
    }

    /** Refuses to start when the database's file system cannot hold the run (when it can be seen from here). */
    private String checkDisk() throws Exception {
        long events = options.signals() + options.fills();
        long needed = events * ESTIMATED_DISK_BYTES_PER_EVENT;
        FileStore store = databaseFileStore();
        if (store == null) {
            return "disk: the database's file system is not visible from here; no pre-flight check";
        }
        long usable = store.getUsableSpace();
        String text = String.format(Locale.ROOT, "disk: %s free before the run, about %s needed (%d bytes/event estimate)",
                gib(usable), gib(needed), ESTIMATED_DISK_BYTES_PER_EVENT);
        progress(text);
        if (usable < needed) {
            throw new IllegalStateException(text + ": not enough disk for this many events; scale --signals/--fills down");
        }
        return text;
    }

    private String diskFree() throws Exception {
        FileStore store = databaseFileStore();
        return store == null ? "disk free: not visible from here" : "disk free after the run: " + gib(store.getUsableSpace())
                + " of " + gib(store.getTotalSpace());
    }

    private FileStore databaseFileStore() throws Exception {
        String dataDirectory;
        try {
            dataDirectory = database.queryText("SHOW data_directory");
        } catch (Exception e) {
            return null; // not a superuser
        }
        try {
            return Files.getFileStore(Path.of(dataDirectory));
        } catch (IOException | SecurityException e) {
            return null; // another machine, or not readable by this user
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String gib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void dropQuietly(BenchDatabase database) {
        try {
            database.dropSchema();
            progress("dropped schema " + database.schema());
        } catch (Exception e) {
            progress("could not drop schema " + database.schema() + " (drop it by hand): " + e.getMessage());
        }
    }

    static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
