package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.client.IngestSummary;
import dev.modelregistry.client.ProgressListener;
import dev.modelregistry.client.Registration;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.modelregistry.bench.BenchMain.deleteTree;
import static dev.modelregistry.bench.BenchMain.print;
import static dev.modelregistry.bench.BenchMain.seconds;

/**
 * Lineage ingest of {@code --events} signals through the Python client ({@code python/}, run as its own process by
 * {@code bench/python/python_ingest.py}), next to the raw baseline: the Java client sending a file of the same number
 * of lines of the same shape, to the same in-process server, in the same run, after a warm-up of the server by a
 * tenth as many events (at most 50,000) that is not measured. The Python side runs twice, once from
 * an NDJSON file (the same bytes as the Java client's, so the ratio compares the clients) and once from signal dicts
 * generated on the fly (how a pipeline sends them); each reports the Python process's peak RSS, which stays flat
 * however many events are sent. Every line of every run must be accepted.
 */
public final class PythonIngestBenchmark {
    private static final String USAGE = """
            usage: PythonIngestBenchmark [--events N (1000000)] [--pg-url JDBC_URL (default: SQLite)] [--python python3]
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Options(long events, String pgUrl, String python) {
        static Options parse(String[] args) {
            BenchMain.Arguments a = BenchMain.split(args, Set.of());
            long events = Long.parseLong(a.values().getOrDefault("events", "1000000"));
            if (events < 1) {
                throw new IllegalArgumentException("--events must be positive");
            }
            return new Options(events, a.values().get("pg-url"), a.values().getOrDefault("python", "python3"));
        }
    }

    private PythonIngestBenchmark() {
    }

    public static void main(String[] args) {
        BenchMain.main("python ingest", args, Options::parse, USAGE, o -> false, PythonIngestBenchmark::run);
    }

    private static void run(Options options) throws Exception {
        Path dir = Files.createTempDirectory("modelreg-python-bench");
        BenchDatabase database = options.pgUrl() == null ? null : BenchDatabase.prepare(options.pgUrl());
        String adminToken = "mr_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ServerConfig config = ServerConfig.embeddedDefaults(dir.resolve("data")).withPort(0)
                .withBootstrapAdminToken(adminToken);
        if (database != null) {
            config = config.withDb(database.schemaUrl());
        }
        try (RegistryServer server = RegistryServer.start(config)) {
            String url = "http://" + config.host() + ":" + server.port();
            String modelId = registerVersion(url, adminToken);
            Path javaLines = writeSignals(dir.resolve("java.ndjson"), options.events(), modelId, "java");
            Path pythonLines = writeSignals(dir.resolve("python.ndjson"), options.events(), modelId, "py-file");
            print("%s, %,d signals per run of %,d bytes; one version %s", database == null ? "SQLite" : "PostgreSQL",
                    options.events(), Files.size(javaLines), modelId);

            // The server's first ingest pays for JIT and SQL warm-up; whichever client went first would pay it.
            long warmUp = Math.max(1, Math.min(options.events() / 10, 50_000));
            javaClient(url, adminToken, writeSignals(dir.resolve("warm.ndjson"), warmUp, modelId, "warm"), warmUp,
                    "warm-up, Java client");
            double javaRate = javaClient(url, adminToken, javaLines, options.events(), "baseline Java client (file)");
            JsonNode fromFile = python(options, url, adminToken, List.of("--file", pythonLines.toString()));
            JsonNode generated = python(options, url, adminToken, List.of("--generate", "" + options.events(),
                    "--model-id", modelId, "--prefix", "py-gen"));
            double fileRate = report("Python client (file)", fromFile, options.events());
            double generatedRate = report("Python client (generated dicts)", generated, options.events());
            print("ratio Python/Java (same file): %.2f", fileRate / javaRate);
            print("ratio Python generated dicts/Java: %.2f", generatedRate / javaRate);
        } finally {
            if (database != null) {
                database.dropSchema();
            }
            deleteTree(dir);
        }
    }

    /** The Java client sends the file; events/s. */
    private static double javaClient(String url, String token, Path lines, long events, String what) {
        long start = System.nanoTime();
        IngestSummary java;
        try (RegistryClient client = new RegistryClient(URI.create(url), token)) {
            java = client.ingest("signals", lines, ProgressListener.NONE, result -> { });
        }
        double seconds = seconds(start);
        requireAllAccepted(what, java.accepted(), java.total(), events);
        print("%s: %,d events in %.1f s = %,.0f events/s", what, events, seconds, events / seconds);
        return events / seconds;
    }

    private static String registerVersion(String url, String adminToken) {
        try (RegistryClient admin = new RegistryClient(URI.create(url), adminToken)) {
            admin.access().createTeam("bench");
            Registration version = admin.registerVersion("bench-signals", JSON.createObjectNode()
                    .put("code_commit", "a13fce0").put("feature_graph_hash", "8b2e9f01")
                    .put("owner", "bench")
                    .set("data_window", JSON.createArrayNode().add("2018-01-01").add("2026-04-30")));
            return version.modelId();
        }
    }

    /** The same line shape python_ingest.py generates: ids {@code <prefix>-<9 digits>}. */
    private static final String SIGNAL = "{\"signal_id\":\"%s-%09d\",\"model_id\":\"%s\","
            + "\"emitted_at\":\"2026-11-%02dT%02d:%02d:%02d.%03dZ\","
            + "\"instrument\":\"ES%d\",\"side\":\"%s\",\"strength\":%s}\n";

    private static Path writeSignals(Path file, long count, String modelId, String prefix) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < count; i++) {
                out.write(String.format(Locale.ROOT, SIGNAL, prefix, i, modelId, 1 + i % 28, i / 3600 % 24,
                        i / 60 % 60, i % 60, i % 1000, i % 4, i % 2 == 0 ? "buy" : "sell", (i % 1000) / 1000.0));
            }
        }
        return file;
    }

    /** Runs python_ingest.py with the repository's python/ on its path; its last output line is its report. */
    private static JsonNode python(Options options, String url, String token, List<String> source) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(options.python(),
                root.resolve("bench/python/python_ingest.py").toString(), "--url", url, "--token", token));
        command.addAll(source);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PYTHONPATH", root.resolve("python").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("python_ingest.py " + source + " exited with " + exit + ": " + output);
        }
        return JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
    }

    private static double report(String what, JsonNode run, long events) {
        requireAllAccepted(what, run.path("accepted").asLong(), run.path("events").asLong(), events);
        double seconds = run.path("seconds").asDouble();
        double rate = events / seconds;
        print("%s: %,d events in %.1f s = %,.0f events/s, peak RSS %.1f MiB", what, events, seconds, rate,
                run.path("peak_rss_kib").asLong() / 1024.0);
        return rate;
    }

    private static void requireAllAccepted(String what, long accepted, long total, long expected) {
        if (accepted != expected || total != expected) {
            throw new IllegalStateException(what + ": " + accepted + " of " + total + " lines accepted, expected "
                    + expected);
        }
    }
}
