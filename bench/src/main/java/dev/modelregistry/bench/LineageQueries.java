package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The query phase of the lineage benchmark, with everything loaded: {@code GET /lineage/fills/{fill_id}} for uniformly
 * random fill ids from N threads, each answer checked against what was sent, then a raw primary-key SELECT of the
 * same ids over plain JDBC, each after a warm-up of its own.
 */
final class LineageQueries {
    /** The two measurements, what the API's answers held, and the autovacuum workers running at the start. */
    record Result(FixedCount.Result api, FixedCount.Result sql, long withDeployment, long withChildren,
                  long meanAnswerBytes, String autovacuumWorkers) {
    }

    private final LineageOptions options;
    private final BenchDatabase database;
    private final EventLines lines;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong withDeployment = new AtomicLong();
    private final AtomicLong withChildren = new AtomicLong();
    private final AtomicLong answerBytes = new AtomicLong();

    LineageQueries(LineageOptions options, BenchDatabase database, EventLines lines) {
        this.options = options;
        this.database = database;
        this.lines = lines;
    }

    Result run(String baseUrl, String token) throws Exception {
        SplittableRandom random = new SplittableRandom(LineageBenchmark.SEED);
        long[] warmup = random.longs(options.queryWarmup(), 0, options.fills()).toArray();
        long[] ids = random.longs(options.queries(), 0, options.fills()).toArray();
        FixedCount.WorkerFactory api = index -> new ApiLookup(baseUrl, token);
        FixedCount.WorkerFactory sql = index -> SqlLookup.open(database);
        int threads = options.queryThreads();
        String autovacuum = database.queryText("SELECT count(*) || coalesce(' (' || string_agg(query, '; ') || ')', '') "
                + "FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'");
        // The API first: the primary-key SELECT afterwards finds the same ids' pages cached, if anything.
        LineageBenchmark.progress(String.format(Locale.ROOT,
                "query-api: %d threads, %,d warm-up + %,d GET /lineage/fills/{id}", threads, warmup.length, ids.length));
        FixedCount.run("query-api-warmup", threads, warmup, api);
        withDeployment.set(0);
        withChildren.set(0);
        answerBytes.set(0);
        FixedCount.Result apiResult = FixedCount.run("query-api", threads, ids, api);
        LineageBenchmark.progress(String.format(Locale.ROOT,
                "query-sql: %d threads, %,d warm-up + %,d primary-key SELECTs", threads, warmup.length, ids.length));
        FixedCount.run("query-sql-warmup", threads, warmup, sql);
        FixedCount.Result sqlResult = FixedCount.run("query-sql", threads, ids, sql);
        return new Result(apiResult, sqlResult, withDeployment.get(), withChildren.get(),
                answerBytes.get() / Math.max(1, ids.length), autovacuum);
    }

    /** One thread's HTTP client; each answer must name the fill, its signal and the version that emitted it. */
    private final class ApiLookup implements FixedCount.Worker {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        private final String baseUrl;
        private final String token;

        ApiLookup(String baseUrl, String token) {
            this.baseUrl = baseUrl;
            this.token = token;
        }

        @Override
        public long lookup(long id) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/lineage/fills/f-" + id))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /lineage/fills/f-" + id + " answered "
                        + response.statusCode() + ": " + abbreviate(response.body()));
            }
            JsonNode answer = mapper.readTree(response.body());
            String modelId = lines.modelIdOf(id);
            if (!("f-" + id).equals(answer.path("fill").path("fill_id").asText())
                    || !("s-" + id).equals(answer.path("signal").path("signal_id").asText())
                    || !modelId.equals(answer.path("version").path("model_id").asText())) {
                throw new IllegalStateException("GET /lineage/fills/f-" + id + " (signal s-" + id + ", version "
                        + modelId + ") answered " + abbreviate(response.body()));
            }
            if (answer.path("deployment_at_emission").isObject()) {
                withDeployment.incrementAndGet();
            }
            if (!answer.path("children").isEmpty()) {
                withChildren.incrementAndGet();
            }
            answerBytes.addAndGet(response.body().length());
            return took;
        }

        @Override
        public void close() {
            http.close();
        }
    }

    /** One thread's JDBC connection running the primary-key SELECT the API's lookup is compared with. */
    private static final class SqlLookup implements FixedCount.Worker {
        private final Connection connection;
        private final PreparedStatement select;

        private SqlLookup(Connection connection, PreparedStatement select) {
            this.connection = connection;
            this.select = select;
        }

        static SqlLookup open(BenchDatabase database) throws Exception {
            Connection connection = database.connect();
            try (Statement s = connection.createStatement()) {
                s.execute("SET statement_timeout = '30s'");
            }
            return new SqlLookup(connection, connection.prepareStatement("SELECT * FROM fill_keys WHERE fill_id = ?"));
        }

        @Override
        public long lookup(long id) throws Exception {
            String fillId = "f-" + id;
            select.setString(1, fillId);
            long start = System.nanoTime();
            String found;
            try (ResultSet rs = select.executeQuery()) {
                found = rs.next() ? rs.getString(1) + rs.getString(2) + rs.getString(3) : null;
            }
            long took = System.nanoTime() - start;
            if (found == null || !found.startsWith(fillId)) {
                throw new IllegalStateException("SELECT fill_keys " + fillId + " found " + found);
            }
            return took;
        }

        @Override
        public void close() throws Exception {
            select.close();
            connection.close();
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
