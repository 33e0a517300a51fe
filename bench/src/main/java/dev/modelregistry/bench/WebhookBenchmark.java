package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.bench.TimingReceiver.Arrival;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.WebhookClient;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.config.WebhookConfig;

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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Commit-to-webhook latency (issue 14): registrations offered at a fixed rate (open loop, default 100/s), each one
 * {@code version.registered} event, delivered by the registry's dispatcher to a receiver on loopback. The figure is
 * the time from the event's audit entry (written in the committing transaction, just before the commit) to the
 * delivery's arrival at the receiver, p50/p99/max; printed next to a bare HTTP POST round trip of the same body to
 * the same receiver at the same rate, measured in the same run, and their ratio. Both clocks are this JVM's.
 *
 * <p>Checks, or the run fails: every committed event arrives, exactly once, and each model's events arrive in
 * their order.
 */
public final class WebhookBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final WebhookOptions options;

    private WebhookBenchmark(WebhookOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchMain.main("webhook", args, a -> WebhookOptions.parse(a, System.getenv()), WebhookOptions.USAGE,
                WebhookOptions::serverLog, options -> new WebhookBenchmark(options).run());
    }

    private void run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = loadAverage();
        List<String> lines = new ArrayList<>(onPostgres());
        if (options.sqlite()) {
            lines.addAll(runOn("SQLite", null));
        }
        Stream<String> header = Stream.concat(Stream.of("== webhook delivery benchmark, " + startedAt + " =="),
                MachineLines.of(loadBefore, loadAverage()).stream());
        System.out.println(Stream.concat(header, lines.stream()).collect(Collectors.joining(System.lineSeparator())));
    }

    /** The run on a fresh schema of the PostgreSQL named by {@code --pg-url}, dropped afterwards. */
    private List<String> onPostgres() throws Exception {
        BenchDatabase database = BenchDatabase.prepare(options.pgUrl());
        try {
            String version = "postgresql: " + database.queryText("SELECT version()") + "; synchronous_commit="
                    + database.queryText("SHOW synchronous_commit");
            return Stream.concat(Stream.of(version), runOn("PostgreSQL", database.schemaUrl()).stream()).toList();
        } finally {
            database.dropSchema();
        }
    }

    /** One whole run against one database ({@code jdbcUrl} null: the embedded SQLite in the data directory). */
    private List<String> runOn(String label, String jdbcUrl) throws Exception {
        Path dataDir = Files.createTempDirectory("modelreg-bench-webhooks");
        String admin = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ServerConfig config = ServerConfig.embeddedDefaults(dataDir).withPort(0).withBootstrapAdminToken(admin)
                .withWebhooks(WebhookConfig.defaults().withAllowHosts(List.of("127.0.0.1")));
        if (jdbcUrl != null) {
            config = config.withDb(jdbcUrl);
        }
        LineageBenchmark.progress(label + ": starting the server and the receiver");
        try (RegistryServer server = RegistryServer.start(config); TimingReceiver receiver = TimingReceiver.start();
             RegistryClient registry = new RegistryClient(URI.create("http://127.0.0.1:" + server.port()), admin);
             WebhookClient webhooks = new WebhookClient(registry.baseUri(), admin)) {
            List<String> models = IntStream.range(0, options.models()).mapToObj(i -> "bench-hooks-" + i).toList();
            registry.access().createTeam("bench");
            models.forEach(model -> registry.registerVersion(model, registration("bench")));
            webhooks.create(receiver.uri("/hooks").toString(), List.of("dev.modelregistry.version.registered"), models);
            return measure(label, registry, receiver, models);
        } finally {
            try (var paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private List<String> measure(String label, RegistryClient registry, TimingReceiver receiver, List<String> models)
            throws Exception {
        long warmups = warmUp(label, registry, models);
        LineageBenchmark.progress(label + ": " + options.rate() + " events/s for " + options.warmup().toSeconds()
                + " s warm-up + " + options.seconds().toSeconds() + " s");
        OpenLoad.Result load = OpenLoad.run(options.rate(), options.warmup().plus(options.seconds()),
                i -> registry.registerVersion(models.get(i % models.size()), registration(null)));
        List<Arrival> arrivals = awaitArrivals(receiver, load.completed() + warmups);
        Instant from = load.startedAt().plus(options.warmup());
        Latencies webhook = latencies(arrivals.stream().filter(a -> !a.eventTime().isBefore(from)).toList());
        LineageBenchmark.progress(label + ": the bare POST baseline, " + options.rate() + " requests/s");
        byte[] body = receiver.lastBody();
        Latencies bare = Baseline.posts(receiver.uri("/bare"), body, options.rate(),
                options.warmup().plus(options.seconds()), options.warmup());
        return report(label, load, webhook, bare, body.length, new Checked(arrivals.size(), warmups, models.size()));
    }

    /**
     * Registrations from 4 threads, each waiting for its answer, before the open load: a cold JVM (on a busy machine)
     * would otherwise fall behind the offered rate at the start, and the piled-up requests time out waiting for a
     * database connection. Their events are delivered and checked like the others, not measured.
     */
    private long warmUp(String label, RegistryClient registry, List<String> models) {
        int count = options.rate() * (int) Math.max(1, options.warmup().toSeconds());
        LineageBenchmark.progress(label + ": warming up with " + count + " registrations from 4 threads");
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < count; i++) {
                String model = models.get(i % models.size());
                threads.submit(() -> registry.registerVersion(model, registration(null)));
            }
        }
        return count;
    }

    /** Waits until every committed event has arrived, then checks each arrived once and in order per model. */
    private static List<Arrival> awaitArrivals(TimingReceiver receiver, long committed) throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN);
        while (receiver.arrivals().size() < committed) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(receiver.arrivals().size() + " of " + committed
                        + " events arrived within " + DRAIN);
            }
            Thread.sleep(50);
        }
        List<Arrival> arrivals = receiver.arrivals();
        long distinct = arrivals.stream().map(Arrival::webhookId).distinct().count();
        if (arrivals.size() != committed || distinct != committed) {
            throw new IllegalStateException(arrivals.size() + " arrivals of " + distinct + " events, but "
                    + committed + " committed");
        }
        Map<String, List<Long>> byModel = arrivals.stream().collect(Collectors.groupingBy(Arrival::chain,
                Collectors.mapping(Arrival::chainSeq, Collectors.toList())));
        byModel.forEach((chain, order) -> {
            if (!order.equals(order.stream().sorted().toList())) {
                throw new IllegalStateException("the events of " + chain + " arrived out of order: " + order);
            }
        });
        return arrivals;
    }

    private static Latencies latencies(List<Arrival> arrivals) {
        Latencies.Recorder recorder = new Latencies.Recorder();
        arrivals.forEach(a -> recorder.record(Duration.between(a.eventTime(), a.arrived()).toNanos()));
        return Latencies.merge(List.of(recorder));
    }

    /** What the checks covered: events that arrived once each and in order, of which warm-up, over how many models. */
    private record Checked(long events, long warmups, int models) {
    }

    private List<String> report(String label, OpenLoad.Result load, Latencies webhook, Latencies bare, int bodyBytes,
                                Checked checked) {
        return List.of(
                String.format(Locale.ROOT, "%s: offered %d events/s for %d s (+%d s warm-up); %d events committed"
                                + " (%.1f/s), %d measured", label, options.rate(), options.seconds().toSeconds(),
                        options.warmup().toSeconds(), load.completed(), load.completed() / load.elapsedSeconds(),
                        webhook.count()),
                line("commit-to-webhook", webhook, "audit entry (in the committing transaction) to arrival"),
                line("bare HTTP POST", bare, "JDK HttpClient round trip, " + bodyBytes + " B, same receiver"),
                String.format(Locale.ROOT, "ratio webhook/bare: p50 %.2f, p99 %.2f",
                        webhook.percentileMillis(50) / bare.percentileMillis(50),
                        webhook.percentileMillis(99) / bare.percentileMillis(99)),
                "checks: all " + checked.events() + " committed events (" + checked.warmups()
                        + " of them warm-up) arrived, each once, in order per model (" + checked.models()
                        + " models); registration failures " + load.failures());
    }

    private static String line(String what, Latencies l, String note) {
        return String.format(Locale.ROOT, "  %-18s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (%s)",
                what, l.percentileMillis(50), l.percentileMillis(99), l.maxMillis(), note);
    }

    private static ObjectNode registration(String owner) {
        ObjectNode body = JSON.createObjectNode()
                .put("code_commit", HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
                .put("feature_graph_hash", "8b2e9f01");
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        return owner == null ? body : body.put("owner", owner);
    }

    private static String loadAverage() {
        return MachineLines.load(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
