package dev.modelregistry.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registration requests as a CI pipeline sends them: {@code POST /models/{name}/versions} with a lineage never
 * seen before (a unique {@code code_commit}), so every request must create a version and answer 201. Client
 * {@code i} registers under model {@code i mod models}. Each client thread has its own HTTP/1.1
 * {@link HttpClient}, hence its own keep-alive connection, like separate CI jobs.
 */
final class RegistrationLoad implements ClosedLoop.WorkerFactory {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    private final String baseUrl;
    private final String token;
    private final String owner;
    private final List<String> models;
    // Shared by every phase of the run, so no two requests of a run ever carry the same lineage.
    private final AtomicLong sequence;
    private final String runNonce = HEX.toHexDigits(ThreadLocalRandom.current().nextInt());
    private final AtomicLong created = new AtomicLong();

    RegistrationLoad(String baseUrl, String token, String owner, List<String> models, AtomicLong sequence) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.owner = owner;
        this.models = List.copyOf(models);
        this.sequence = sequence;
    }

    /** Every 201 this load received, warm-up and after-window requests included (checked against the table). */
    long created() {
        return created.get();
    }

    /** A registration body with a fresh lineage; also the raw baseline's payload, so both write the same text. */
    String nextBody() {
        String codeCommit = runNonce + HEX.toHexDigits(sequence.incrementAndGet());
        return """
                {"code_commit":"%s","feature_graph_hash":"9f86d081884c7d659a2feaa0c55ad015",\
                "data_window":["2026-01-01","2026-03-31"],"owner":"%s",\
                "hyperparams":{"learning_rate":0.05,"max_depth":6,"n_estimators":400},\
                "labels":{"pipeline":"bench","stage":"registration"}}""".formatted(codeCommit, owner);
    }

    @Override
    public ClosedLoop.Worker create(int index) {
        URI uri = URI.create(baseUrl + "/models/" + models.get(index % models.size()) + "/versions");
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
        return new ClosedLoop.Worker() {
            @Override
            public void runOnce() throws Exception {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(nextBody()))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("POST " + uri.getPath() + " answered " + response.statusCode()
                            + " (expected 201 Created): " + response.body());
                }
                created.incrementAndGet();
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
