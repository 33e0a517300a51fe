package dev.modelregistry.bench;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import static dev.modelregistry.bench.BenchMain.deleteTree;
import static dev.modelregistry.bench.BenchMain.print;

/**
 * How fast the web console's pages answer with the fleet SPEC promises ({@code --models} 100,000 models and ten
 * versions each, 1,000,000 versions, on PostgreSQL), next to the JSON API's answer for the same data in the same run:
 * the models list (first page, a page deep in the keyset, a name search), a model, a version. Each kind is asked
 * {@code --requests} times one after another (after a warm-up), for random models and versions of the fleet, and
 * every answer must be 200. Times are round trips on the loopback, an upper bound of the server-side time.
 */
public final class ConsoleBenchmark {
    private static final String USAGE = """
            usage: ConsoleBenchmark [--pg-url URL] [--models N (100000)] [--versions-per-model N (10)]
                                    [--requests N (400)] [--warmup N (100)]
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Options(String pgUrl, int models, int perModel, int requests, int warmup) {
        static Options parse(String[] args) {
            BenchMain.Arguments a = BenchMain.split(args, Set.of());
            return new Options(a.values().getOrDefault("pg-url", BenchOptions.DEFAULT_PG_URL),
                    Integer.parseInt(a.values().getOrDefault("models", "100000")),
                    Integer.parseInt(a.values().getOrDefault("versions-per-model", "10")),
                    Integer.parseInt(a.values().getOrDefault("requests", "400")),
                    Integer.parseInt(a.values().getOrDefault("warmup", "100")));
        }
    }

    /** What is asked of the server for request {@code i}: the console's page and the API's answer for the same data. */
    private record Kind(String name, IntFunction<String> page, IntFunction<String> api) {
    }

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) {
        BenchMain.main("console", args, Options::parse, USAGE, o -> false, ConsoleBenchmark::run);
    }

    private static void run(Options options) throws Exception {
        BenchDatabase database = BenchDatabase.prepare(options.pgUrl());
        Path dataDir = Files.createTempDirectory("modelreg-console-bench");
        String adminToken = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ServerConfig config = ServerConfig.embeddedDefaults(dataDir).withPort(0).withDb(database.schemaUrl())
                .withBootstrapAdminToken(adminToken);
        try (RegistryServer server = RegistryServer.start(config)) {
            String base = "http://" + config.host() + ":" + server.port();
            LineageSetup.Result setup = LineageSetup.run(base, adminToken);
            print("set up through the API: %s", setup.summary());
            double seconds = ConsoleFleet.seed(database, "bench-m1", options.models(), options.perModel());
            print("fleet: %,d models with %,d versions each (%,d versions) cloned in %.1f s;"
                    + " %,d models, %,d versions in all", options.models(), options.perModel(),
                    (long) options.models() * options.perModel(), seconds,
                    database.queryLong("SELECT count(*) FROM models"),
                    database.queryLong("SELECT count(*) FROM model_versions"));
            String cookie = signIn(base, adminToken);
            for (Kind kind : kinds(options, setup)) {
                measure(base, adminToken, cookie, kind, options);
            }
        } finally {
            database.dropSchema();
            deleteTree(dataDir);
        }
    }

    private static List<Kind> kinds(Options options, LineageSetup.Result setup) {
        Random random = new Random(7);
        int[] models = random.ints(options.requests() + options.warmup(), 1, options.models() + 1).toArray();
        IntFunction<String> name = i -> String.format("fleet-%06d", models[i]);
        IntFunction<String> version = i -> name.apply(i) + "@2026.01.01-r" + (1 + models[i] % options.perModel());
        String real = setup.modelIds().get(0);
        String realModel = real.substring(0, real.indexOf('@'));
        return List.of(
                new Kind("models list, first page", i -> "/ui/models", i -> "/models"),
                new Kind("models list, a page deep in the keyset", i -> "/ui/models?after=" + name.apply(i),
                        i -> "/models?after=" + name.apply(i)),
                new Kind("models search by name", i -> "/ui/models?q=" + encode(name.apply(i).substring(0, 10)),
                        i -> "/models?after=" + name.apply(i)),
                new Kind("a model (versions, split, history)", i -> "/ui/models/" + name.apply(i),
                        i -> "/models/" + name.apply(i) + "/versions"),
                new Kind("a version (lineage, evaluations, artifacts, DAG, gates)",
                        i -> "/ui/models/" + name.apply(i) + "/versions/" + version.apply(i),
                        i -> "/models/" + name.apply(i) + "/versions/" + version.apply(i)),
                new Kind("a promoted model with history and evaluations", i -> "/ui/models/" + realModel,
                        i -> "/models/" + realModel + "/deployment/history"),
                new Kind("its production version", i -> "/ui/models/" + realModel + "/versions/" + real,
                        i -> "/models/" + realModel + "/versions/" + real));
    }

    private static void measure(String base, String token, String cookie, Kind kind, Options options)
            throws IOException, InterruptedException {
        Latencies.Recorder pages = new Latencies.Recorder();
        Latencies.Recorder api = new Latencies.Recorder();
        for (int i = 0; i < options.warmup() + options.requests(); i++) {
            long page = time(HttpRequest.newBuilder(URI.create(base + kind.page().apply(i))).header("Cookie", cookie));
            long json = time(HttpRequest.newBuilder(URI.create(base + kind.api().apply(i)))
                    .header("Authorization", "Bearer " + token));
            if (i >= options.warmup()) {
                pages.record(page);
                api.record(json);
            }
        }
        Latencies p = Latencies.merge(List.of(pages));
        Latencies a = Latencies.merge(List.of(api));
        print("%s: page p50 %.1f ms, p99 %.1f ms, max %.1f ms | API p50 %.1f ms, p99 %.1f ms"
                + " | ratio p99 page/API %.2f", kind.name(), p.percentileMillis(50), p.percentileMillis(99),
                p.maxMillis(), a.percentileMillis(50),
                a.percentileMillis(99), p.percentileMillis(99) / a.percentileMillis(99));
    }

    /** Sends the request; its round trip in nanoseconds. Anything but a 200 fails the run with the answer. */
    private static long time(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(built, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + built.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return nanos;
    }

    /** Signs in to the console with the token, as a browser does; the session cookie to send. */
    private static String signIn(String base, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + encode(token))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException(
                "sign-in answered " + response.statusCode() + " without a session cookie: " + response.body()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
