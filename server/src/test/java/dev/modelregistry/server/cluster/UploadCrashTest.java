package dev.modelregistry.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.testing.PatternInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server is killed with SIGKILL in the middle of a large upload. After a restart on the same data directory
 * there is no partial blob, no temporary file and no artifact row, and the same upload then succeeds.
 */
class UploadCrashTest {
    private static final String ADMIN = "crash-admin-token-0123456789abcdef0123456";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SIZE = 512L * 1024 * 1024;
    private static final long KILL_AFTER = 64L * 1024 * 1024;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aKilledUploadLeavesNothingAndCanBeRetried() throws Exception {
        Path data = dir.resolve("data");
        String version;
        try (ServerProcess first = ServerProcess.startEmbedded(data, ADMIN, dir.resolve("server.log"))) {
            URI server = first.baseUri();
            send(server, "POST", "/teams", "{\"name\":\"desk\"}", 201);
            version = send(server, "POST", "/models/big/versions",
                    "{\"code_commit\":\"a13fce0\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\"desk\"}",
                    201).get("model_id").asText();

            CountDownLatch halfway = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> upload = http.sendAsync(
                    HttpRequest.newBuilder(artifact(server, version))
                            .header("Authorization", "Bearer " + ADMIN)
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> new PatternInput(SIZE, KILL_AFTER, () -> {
                                        halfway.countDown();
                                        sleepQuietly(); // hold the stream open: the server is killed mid-upload
                                    })), SIZE))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(halfway.await(60, TimeUnit.SECONDS)).as("the upload got under way").isTrue();
            first.kill();
            assertThat(upload).failsWithin(30, TimeUnit.SECONDS);
        }
        assertThat(filesUnder(data.resolve("artifacts/tmp"))).as("a partial temporary file was left").isNotEmpty();

        try (ServerProcess second = ServerProcess.startEmbedded(data, ADMIN, dir.resolve("server.log"))) {
            URI server = second.baseUri();
            assertThat(filesUnder(data.resolve("artifacts"))).as("nothing of the killed upload remains")
                    .noneMatch(file -> file.toString().endsWith(".partial") || file.toString().contains("/blobs/"));
            assertThat(send(server, "GET", listing(version), null, 200).get("items")).isEmpty();

            String expected = PatternInput.sha256(SIZE);
            HttpResponse<String> retried = http.send(HttpRequest.newBuilder(artifact(server, version))
                            .header("Authorization", "Bearer " + ADMIN)
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> new PatternInput(SIZE)), SIZE))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
            assertThat(JSON.readTree(retried.body()).get("sha256").asText()).isEqualTo(expected);
            assertThat(send(server, "GET", listing(version), null, 200).get("items")).hasSize(1);
        }
    }

    private static URI artifact(URI server, String version) {
        return server.resolve("/models/big/versions/" + version + "/artifacts/weights.bin");
    }

    private static String listing(String version) {
        return "/models/big/versions/" + version + "/artifacts";
    }

    /** Regular files (not directories) anywhere under {@code root}. */
    private static java.util.List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private JsonNode send(URI server, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + ADMIN);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
