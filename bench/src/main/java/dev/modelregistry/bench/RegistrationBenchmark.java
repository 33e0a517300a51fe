package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.AccessClient;
import dev.modelregistry.client.RegistryClient;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Registration throughput and latency at N concurrent clients against PostgreSQL, printed next to the raw
 * single-row INSERT transaction rate of the same PostgreSQL measured in the same run (SPEC, Performance).
 * The ratio is the figure to compare between runs and machines; the absolute numbers move with the machine.
 */
public final class RegistrationBenchmark {
    private static final String TEAM = "bench";
    private static final String MEMBER = "bench-ci";
    private static final String ONE_MODEL = "bench-one";

    private final BenchOptions options;
    private final BenchDatabase database;

    private RegistrationBenchmark(BenchOptions options, BenchDatabase database) {
        this.options = options;
        this.database = database;
    }

    public static void main(String[] args) {
        BenchMain.main("registration", args, a -> BenchOptions.parse(a, System.getenv()), BenchOptions.USAGE,
                BenchOptions::serverLog, options -> {
                    BenchDatabase database = BenchDatabase.prepare(options.pgUrl());
                    try {
                        new RegistrationBenchmark(options, database).run();
                    } finally {
                        dropQuietly(database);
                    }
                });
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path dataDir = Files.createTempDirectory("modelreg-bench");
        String adminToken = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ServerConfig config = ServerConfig.embeddedDefaults(dataDir)
                .withPort(0)
                .withDb(database.schemaUrl())
                .withBootstrapAdminToken(adminToken);
        progress("starting the server on " + config.host() + " with schema " + database.schema());
        try (RegistryServer server = RegistryServer.start(config)) {
            String baseUrl = "http://" + config.host() + ":" + server.port();
            String memberToken = setUp(baseUrl, adminToken);
            AtomicLong sequence = new AtomicLong();

            RegistrationLoad spread = new RegistrationLoad(baseUrl, memberToken, TEAM, modelNames(), sequence);
            ClosedLoop.Result registration = phase("registration", options.measured(), spread);

            database.execute(RawInsertLoad.TABLE_DDL);
            ClosedLoop.Result raw = phase("raw-insert", options.measured(), new RawInsertLoad(database, spread::nextBody));

            RegistrationLoad oneModelLoad = new RegistrationLoad(baseUrl, memberToken, TEAM, List.of(ONE_MODEL), sequence);
            ClosedLoop.Result oneModel = options.oneModelMeasured().isZero() ? null
                    : phase("one-model", options.oneModelMeasured(), oneModelLoad);

            String checks = check(baseUrl, adminToken, spread.created() + oneModelLoad.created());
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            printReport(startedAt, server, registration, raw, oneModel, checks, loadBefore, loadAfter);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** A team, a non-admin member with a token, and the models; registrations then go through the member check. */
    private String setUp(String baseUrl, String adminToken) {
        String memberToken;
        try (RegistryClient admin = new RegistryClient(URI.create(baseUrl), adminToken)) {
            AccessClient access = admin.access();
            access.createTeam(TEAM);
            access.createPrincipal(MEMBER, "service", false);
            access.addTeamMember(TEAM, MEMBER);
            memberToken = access.createToken(MEMBER).get("token").asText();
        }
        try (RegistryClient member = new RegistryClient(URI.create(baseUrl), memberToken)) {
            for (String model : modelNames()) {
                member.createModel(model, TEAM, "registration benchmark");
            }
            member.createModel(ONE_MODEL, TEAM, "registration benchmark, every client on this one model");
        }
        return memberToken;
    }

    private List<String> modelNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < options.models(); i++) {
            names.add(String.format(Locale.ROOT, "bench-m%03d", i));
        }
        return names;
    }

    private ClosedLoop.Result phase(String label, Duration measured, ClosedLoop.WorkerFactory load) throws Exception {
        progress(label + ": " + options.clients() + " threads, " + options.warmup().toSeconds() + " s warm-up + "
                + measured.toSeconds() + " s measured");
        return ClosedLoop.run(label, options.clients(), options.warmup(), measured, options.maxRequests(), load);
    }

    /**
     * Every 201 is a version row with its audit entry, and the audit chains verify. Fails the run otherwise:
     * a figure from a registry that lost or half-wrote versions is not a figure.
     */
    private String check(String baseUrl, String adminToken, long created) throws Exception {
        long rows = database.queryLong("SELECT count(*) FROM model_versions");
        long audited = database.queryLong("SELECT count(*) FROM audit_log WHERE action = 'version.registered'");
        if (rows != created || audited != created) {
            throw new IllegalStateException("the server answered 201 " + created + " times but stored " + rows
                    + " versions and " + audited + " version.registered audit entries");
        }
        JsonNode verify;
        try (RegistryClient admin = new RegistryClient(URI.create(baseUrl), adminToken)) {
            verify = admin.access().verifyAudit();
        }
        boolean ok = verify.path("ok").asBoolean(false);
        String summary = "audit verify: ok=" + ok + " entries=" + verify.path("entries").asLong()
                + " chains=" + verify.path("chains").asLong();
        if (!ok) {
            throw new IllegalStateException(summary + " problems=" + verify.path("problems"));
        }
        return "checks: " + created + " responses 201 = " + rows + " version rows = " + audited
                + " version.registered entries; " + summary;
    }

    private void printReport(Instant startedAt, RegistryServer server, ClosedLoop.Result registration,
                             ClosedLoop.Result raw, ClosedLoop.Result oneModel, String checks,
                             double loadBefore, double loadAfter) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("== registration benchmark, " + startedAt + " ==");
        lines.addAll(MachineLines.of(MachineLines.load(loadBefore), MachineLines.load(loadAfter)));
        lines.add("postgresql: " + database.queryText("SELECT version()") + "; synchronous_commit="
                + database.queryText("SHOW synchronous_commit"));
        lines.add("server: in-process on 127.0.0.1, DB pool " + server.database().dataSource().getMaximumPoolSize()
                + " connections; clients: one HTTP/1.1 java.net.http.HttpClient per thread, same JVM");
        lines.add(line("registration:", registration, "versions/s",
                "(" + registration.threads() + " clients, " + options.models() + " models, PostgreSQL)"));
        lines.add(line("raw INSERT tx:", raw, "tx/s",
                "(" + raw.threads() + " JDBC connections, autocommit single-row INSERT, same PostgreSQL)"));
        lines.add(String.format(Locale.ROOT, "ratio: registration/raw = %.3f", registration.perSecond() / raw.perSecond()));
        if (oneModel != null) {
            lines.add(line("one model:", oneModel, "versions/s",
                    "(" + oneModel.threads() + " clients, all on model " + ONE_MODEL + ")"));
            lines.add(String.format(Locale.ROOT, "ratio: one-model/raw = %.3f", oneModel.perSecond() / raw.perSecond()));
        }
        lines.add(checks);
        System.out.println(String.join(System.lineSeparator(), lines));
    }

    private static String line(String label, ClosedLoop.Result r, String unit, String note) {
        Latencies l = r.latencies();
        return String.format(Locale.ROOT, "%-14s %7.0f %-10s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  %s; %d in %.1f s%s",
                label, r.perSecond(), unit, l.percentileMillis(50), l.percentileMillis(99), l.maxMillis(), note,
                r.operations(), r.seconds(), r.capped() ? " (stopped at --max-requests)" : "");
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
