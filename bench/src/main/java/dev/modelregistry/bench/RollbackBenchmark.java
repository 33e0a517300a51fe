package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.bench.RollbackSeries.Rounds;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Rollback propagation (SPEC, Performance): 100 deploy guards watch one model by long-polling; one rollback; the
 * figure is the time from the rollback's response to the moment the last guard has switched to the rolled-back-to
 * version (manifest verified, artifacts verified in its cache), p50/p99/max over repeated rollbacks. Printed next to
 * a plain HTTP round trip on the same server, measured in the same run ({@code GET /healthz}, and
 * {@code GET /models/{name}/deployment}, which signs a manifest), and their ratio.
 *
 * <p>On PostgreSQL the change reaches the waiting long-polls through LISTEN/NOTIFY (one listening connection per
 * server instance), which is the path measured; {@code --sqlite} adds the embedded database (in-process notification).
 * A second series of rollbacks ({@code --raw-rollbacks}) replaces the guards by as many bare long-poll loops that only
 * parse the answer: the server's share of the propagation, without the guards' signature checks, caches and state
 * files.
 *
 * <p>Each round: a rollback (measured; every guard switches back to version A, which is in its cache), then a new
 * version is registered, made ready and promoted (not measured; every guard downloads it once), since a rolled-back
 * version cannot be promoted again. Every guard must have seen every revision before the next change, within
 * {@code --round-timeout}, or the run fails.
 */
public final class RollbackBenchmark {
    private static final String MODEL = "bench-rollback";
    // The guards' and the bare watchers' long-poll wait (30 s), and a margin.
    private static final Duration LEFTOVER_POLLS = Duration.ofSeconds(32);

    private final RollbackOptions options;

    private RollbackBenchmark(RollbackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchMain.main("rollback", args, a -> RollbackOptions.parse(a, System.getenv()), RollbackOptions.USAGE,
                RollbackOptions::serverLog, options -> new RollbackBenchmark(options).run());
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = loadAverage();
        List<String> lines = new ArrayList<>();

        BenchDatabase database = BenchDatabase.prepare(options.pgUrl());
        try {
            String otherSessions = database.queryText(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid()");
            lines.add("postgresql: " + database.queryText("SELECT version()") + "; synchronous_commit="
                    + database.queryText("SHOW synchronous_commit") + "; other active sessions at start: "
                    + otherSessions);
            lines.addAll(runOn("PostgreSQL", database.schemaUrl()));
        } finally {
            dropQuietly(database);
        }
        if (options.sqlite()) {
            // The stopped server's long-polls that were parked when their clients went away wake when their wait
            // ends and fail on its closed connection pool (an ERROR each): let that happen before measuring again.
            progress("waiting " + LEFTOVER_POLLS.toSeconds() + " s for the first server's parked long-polls to end");
            Thread.sleep(LEFTOVER_POLLS.toMillis());
            lines.addAll(runOn("SQLite", null));
        }

        List<String> header = new ArrayList<>();
        header.add("== rollback propagation benchmark, " + startedAt + " ==");
        header.addAll(MachineLines.of(loadBefore, loadAverage()));
        header.addAll(lines);
        System.out.println(String.join(System.lineSeparator(), header));
    }

    /** One whole run against one database ({@code jdbcUrl} null: the embedded SQLite in the data directory). */
    private List<String> runOn(String label, String jdbcUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("modelreg-bench-rollback");
        try {
            String adminToken = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            ServerConfig config = ServerConfig.embeddedDefaults(Files.createDirectories(dataDir.resolve("server")))
                    .withPort(0)
                    .withBootstrapAdminToken(adminToken);
            if (jdbcUrl != null) {
                config = config.withDb(jdbcUrl);
            }
            if (!"127.0.0.1".equals(config.host())) {
                throw new IllegalStateException("the benchmark only targets 127.0.0.1, not " + config.host());
            }
            progress(label + ": starting the server on " + config.host());
            try (RegistryServer server = RegistryServer.start(config)) {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                try (PromotionSetup setup = new PromotionSetup(base, adminToken, Files.createDirectories(
                        dataDir.resolve("scratch")), options.artifactBytes())) {
                    return measure(label, server, base, setup, dataDir.resolve("guards"));
                }
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private List<String> measure(String label, RegistryServer server, URI base, PromotionSetup setup, Path guardsDir)
            throws Exception {
        int n = options.guards();
        setup.createModel(MODEL);
        String versionA = setup.ready(MODEL);
        setup.promote(MODEL, versionA);
        progress(label + ": version " + versionA + " in production; starting " + n + " guards");
        GuardFigures figures = withGuards(label, base, setup, guardsDir, versionA);
        // One download per guard for A, for B, and for each version promoted between rollbacks.
        int versions = figures.guards().total() + 1;
        long expectedDownloads = (long) n * versions;
        if (figures.guards().downloads() != expectedDownloads) {
            throw new IllegalStateException("the guards downloaded " + figures.guards().downloads()
                    + " artifacts, expected " + expectedDownloads + " (" + n + " guards x " + versions + " versions)");
        }
        Rounds raw = null;
        if (options.rawRollbacks() > 0) {
            progress(label + ": " + options.rawRollbacks() + " rollbacks with " + n + " bare long-poll watchers");
            try (RawWatchers watchers = RawWatchers.start(base, MODEL, setup.loaderToken(), n)) {
                raw = new RollbackSeries(MODEL, options, watchers, setup, versionA).run(0, options.rawRollbacks());
            }
        }
        JsonNode verify = setup.verifyAudit();
        if (!verify.path("ok").asBoolean(false)) {
            throw new IllegalStateException("audit verify failed: " + verify);
        }
        List<String> lines = report(label, server, figures, raw);
        lines.add("checks: " + figures.guards().total() + " rollbacks with guards (" + figures.guards().warmups()
                + " warm-up)" + (raw == null ? "" : " and " + raw.total() + " with bare watchers") + ", each restored "
                + versionA + " and every watcher saw it, guards with 0 downloads; " + figures.guards().downloads()
                + " guard downloads in all = " + n + " guards x " + versions + " versions; watcher errors 0; audit"
                + " verify ok=true entries=" + verify.path("entries").asLong());
        progress(label + ": done");
        return lines;
    }

    /** The baselines and the rollbacks that deploy guards follow, measured while the guards watch. */
    private record GuardFigures(Latencies healthz, Latencies deployment, Rounds guards) {
    }

    private GuardFigures withGuards(String label, URI base, PromotionSetup setup, Path guardsDir, String versionA)
            throws Exception {
        int n = options.guards();
        try (GuardFleet fleet = GuardFleet.start(base, setup.loaderToken(), MODEL, setup.activeRegistryKeyPem(),
                guardsDir, n)) {
            // The baselines while the guards are parked in their long-polls, as during the rounds.
            Thread.sleep(options.settle().toMillis());
            progress(label + ": baselines, " + options.baselineRequests() + " requests each");
            Latencies healthz = RoundTrips.measure(base.resolve("/healthz"), null, options.baselineRequests());
            Latencies deployment = RoundTrips.measure(base.resolve("/models/" + MODEL + "/deployment"),
                    setup.loaderToken(), options.baselineRequests());
            progress(label + ": " + options.warmupRollbacks() + " warm-up + " + options.rollbacks()
                    + " measured rollbacks with " + n + " guards");
            Rounds guards = new RollbackSeries(MODEL, options, fleet, setup, versionA)
                    .run(options.warmupRollbacks(), options.rollbacks());
            return new GuardFigures(healthz, deployment, guards);
        }
    }

    /** One database's section, but for the checks: the setting, each figure next to its baseline, the ratios. */
    private List<String> report(String label, RegistryServer server, GuardFigures figures, Rounds raw) {
        int n = options.guards();
        Latencies last = figures.guards().last();
        String req = options.baselineRequests() + " sequential requests, one HTTP/1.1 client, keep-alive";
        List<String> lines = new ArrayList<>();
        lines.add("-- " + label + " --");
        lines.add("server: in-process on 127.0.0.1, DB pool " + server.database().dataSource().getMaximumPoolSize()
                + " connections; " + n + " DeployGuards in the same JVM, each with its own HTTP/1.1 client, cache"
                + " and state file, long-polling (pollWait 30 s); artifact " + options.artifactBytes() + " bytes");
        lines.add(line("baseline GET /healthz:", figures.healthz(), "(" + req + ")"));
        lines.add(line("baseline GET deployment:", figures.deployment(), "(" + req + "; signs a manifest)"));
        lines.addAll(guardLines(figures.guards()));
        lines.add(String.format(Locale.ROOT, "ratio: propagation(last)/healthz p50 = %.1f, p99 = %.1f;"
                        + " propagation(last)/GET deployment p50 = %.1f, p99 = %.1f",
                last.percentileMillis(50) / figures.healthz().percentileMillis(50),
                last.percentileMillis(99) / figures.healthz().percentileMillis(99),
                last.percentileMillis(50) / figures.deployment().percentileMillis(50),
                last.percentileMillis(99) / figures.deployment().percentileMillis(99)));
        lines.add(String.format(Locale.ROOT, "goal: well under 1000 ms -> max %.1f ms over %d rollbacks (%s)",
                last.maxMillis(), last.count(), last.maxMillis() < 1000 ? "met" : "NOT MET"));
        lines.add("last guard per rollback, ms, in order: " + figures.guards().lastInOrderMillis());
        if (figures.guards().promotion().count() > 0) {
            lines.add(line("(promotion, last guard:", figures.guards().promotion(),
                    "(not the figure: each guard downloads and hashes the new artifact), "
                            + figures.guards().promotion().count() + " promotions)"));
        }
        if (raw != null) {
            lines.addAll(rawLines(last, raw));
        }
        return lines;
    }

    private List<String> guardLines(Rounds guards) {
        int n = options.guards();
        Latencies last = guards.last();
        return List.of(
                line("rollback POST:", guards.call(), "(request sent -> response, " + guards.call().count()
                        + " rollbacks)"),
                line("propagation, last guard:", last, "(response -> last of " + n + " guards switched, "
                        + last.count() + " rollbacks after " + guards.warmups() + " warm-up)  <- the figure"),
                line("propagation, median:", guards.median(), "(response -> " + ((n + 1) / 2)
                        + "th guard switched)"),
                line("propagation, first:", guards.first(),
                        "(response -> first guard switched; < 0: before the response)"));
    }

    /** The bare long-polls' fan-out: the server's share of the propagation, and the guards' next to it. */
    private List<String> rawLines(Latencies lastGuard, Rounds raw) {
        int n = options.guards();
        return List.of(
                line("raw fan-out, last:", raw.last(), "(response -> last of " + n
                        + " bare long-polls answered: no signature check, cache or state file; " + raw.last().count()
                        + " rollbacks)"),
                line("raw fan-out, median:", raw.median(), "(response -> " + ((n + 1) / 2)
                        + "th bare long-poll answered)"),
                String.format(Locale.ROOT, "ratio: propagation(last guard)/raw fan-out(last) p50 = %.2f, p99 = %.2f",
                        lastGuard.percentileMillis(50) / raw.last().percentileMillis(50),
                        lastGuard.percentileMillis(99) / raw.last().percentileMillis(99)),
                "raw fan-out last per rollback, ms, in order: " + raw.lastInOrderMillis());
    }

    private static String line(String label, Latencies l, String note) {
        return String.format(Locale.ROOT, "%-25s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  %s",
                label, l.percentileMillis(50), l.percentileMillis(99), l.maxMillis(), note);
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, else the JVM's 1-minute figure. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Drops the run's schema; a failure to drop is reported but never hides why the run itself failed. */
    private static void dropQuietly(BenchDatabase database) {
        try {
            database.dropSchema();
            progress("dropped schema " + database.schema());
        } catch (Exception e) {
            progress("could not drop schema " + database.schema() + " (drop it by hand): " + e.getMessage());
        }
    }

    private static void progress(String message) {
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
