package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.bench.SearchKinds.Kind;
import dev.modelregistry.bench.SearchSamples.Sample;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.modelregistry.bench.BenchMain.deleteTree;
import static dev.modelregistry.bench.BenchMain.print;

/**
 * How fast each search filter answers at the fleet size SPEC promises ({@code --models} 100,000 models with ten
 * versions each, 1,000,000 versions, on PostgreSQL; {@link SearchFleet} spreads owners, labels, commits, registrants,
 * times, statuses and verdicts over it), next to the primary-key read of a version
 * ({@code GET /models/{name}/versions/{model_id}}) in the same run: for each kind ({@link SearchKinds}), after a
 * warm-up, {@code --requests} requests one after another, each filter request followed by a primary-key read of the
 * same random fleet version. Every answer must be 200. Times are loopback round trips (first page, limit 100).
 */
public final class SearchBenchmark {
    private static final String USAGE = """
            usage: SearchBenchmark [--pg-url URL] [--models N (100000)] [--versions-per-model N (10)]
                                   [--requests N (400)] [--warmup N (100)] [--only TEXT] [--keep-schema]
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Options(String pgUrl, int models, int perModel, int requests, int warmup, String only,
                           boolean keepSchema) {
        static Options parse(String[] args) {
            BenchMain.Arguments a = BenchMain.split(args, Set.of("--keep-schema"));
            return new Options(a.values().getOrDefault("pg-url", BenchOptions.DEFAULT_PG_URL),
                    Integer.parseInt(a.values().getOrDefault("models", "100000")),
                    Integer.parseInt(a.values().getOrDefault("versions-per-model", "10")),
                    Integer.parseInt(a.values().getOrDefault("requests", "400")),
                    Integer.parseInt(a.values().getOrDefault("warmup", "100")),
                    a.values().getOrDefault("only", ""), a.has("--keep-schema"));
        }
    }

    private SearchBenchmark() {
    }

    public static void main(String[] args) {
        BenchMain.main("search", args, Options::parse, USAGE, o -> false, SearchBenchmark::run);
    }

    private static void run(Options options) throws Exception {
        BenchDatabase database = BenchDatabase.prepare(options.pgUrl());
        Path dataDir = Files.createTempDirectory("modelreg-search-bench");
        String adminToken = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ServerConfig config = ServerConfig.embeddedDefaults(dataDir).withPort(0).withDb(database.schemaUrl())
                .withBootstrapAdminToken(adminToken);
        try (RegistryServer server = RegistryServer.start(config)) {
            String base = "http://" + config.host() + ":" + server.port();
            print("set up through the API: %s", LineageSetup.run(base, adminToken).summary());
            double seconds = SearchFleet.seed(database, "bench-m1", options.models(), options.perModel());
            print("fleet: %,d models with %,d versions each, spread over %d teams and %d registrants, seeded in"
                    + " %.1f s; %,d models, %,d versions, %,d version labels, %,d evaluation reports in all",
                    options.models(), options.perModel(), SearchFleet.TEAMS, SearchFleet.REGISTRANTS, seconds,
                    database.queryLong("SELECT count(*) FROM models"),
                    database.queryLong("SELECT count(*) FROM model_versions"),
                    database.queryLong("SELECT count(*) FROM version_labels"),
                    database.queryLong("SELECT count(*) FROM evaluation_reports"));
            List<Sample> samples = SearchSamples.pick(database, options.warmup() + options.requests(),
                    options.models(), options.perModel());
            for (Kind kind : SearchKinds.all()) {
                if (kind.name().contains(options.only())) {
                    measure(base, adminToken, kind, samples, options);
                }
            }
        } finally {
            if (options.keepSchema()) {
                print("kept schema %s (drop it when done)", database.schema());
            } else {
                database.dropSchema();
            }
            deleteTree(dataDir);
        }
    }

    private static void measure(String base, String token, Kind kind, List<Sample> samples, Options options)
            throws IOException, InterruptedException {
        Latencies.Recorder filtered = new Latencies.Recorder();
        Latencies.Recorder byKey = new Latencies.Recorder();
        int firstPage = -1;
        for (int i = 0; i < options.warmup() + options.requests(); i++) {
            Sample sample = samples.get(i);
            long start = System.nanoTime();
            byte[] page = get(base + kind.path().apply(sample), token);
            long filter = System.nanoTime() - start;
            start = System.nanoTime();
            get(base + SearchKinds.primaryKeyRead(sample), token);
            long key = System.nanoTime() - start;
            if (i >= options.warmup()) {
                filtered.record(filter);
                byKey.record(key);
            }
            if (firstPage < 0) {
                firstPage = JSON.readTree(page).get("items").size();
            }
        }
        Latencies f = Latencies.merge(List.of(filtered));
        Latencies k = Latencies.merge(List.of(byKey));
        print("%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms | PK read p50 %.1f ms, p99 %.1f ms | ratio p99 %.2f"
                + " | first answer %d items", kind.name(), f.percentileMillis(50), f.percentileMillis(99),
                f.maxMillis(), k.percentileMillis(50), k.percentileMillis(99),
                f.percentileMillis(99) / k.percentileMillis(99), firstPage);
    }

    /** The answer's body; anything but a 200 fails the run with the answer. */
    private static byte[] get(String url, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET().build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
