package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.config.ArtifactConfig;
import dev.modelregistry.server.config.DeployConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.PatternInput;
import dev.modelregistry.server.testing.S3ProxyServer;
import dev.modelregistry.server.testing.TestRegistry;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 store goes away and comes back: a real S3Proxy the test kills and restarts on the same port over the same
 * objects. While it is down, uploads and downloads answer a complete 503 problem and commit nothing; once it is back
 * they work again without a restart of the registry, and the multipart upload the outage cut off is aborted by the
 * collector. The store's identity is checked on S3 as on files: an instance on another prefix refuses to start.
 */
class S3OutageTest {
    private static final String PREFIX = "outage";
    private static final Random RANDOM = new Random(11);

    private static S3ProxyServer s3;
    private static MutableClock clock;
    private static Path dataDir;
    private static TestRegistry registry;
    private static String version;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3ProxyServer.start();
        clock = new MutableClock(Instant.now());
        dataDir = Files.createTempDirectory("s3outage");
        registry = TestRegistry.start(config(dataDir.resolve("a"), PREFIX).withClock(clock));
        TestRegistry.expect(201, registry.post("/teams", TestRegistry.ADMIN_TOKEN, "{\"name\":\"desk\"}"));
        version = TestRegistry.expect(201, registry.post("/models/outage/versions", TestRegistry.ADMIN_TOKEN,
                "{\"code_commit\":\"a13fce0\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\"desk\"}"))
                .body().get("model_id").asText();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        s3.close();
    }

    private static ServerConfig config(Path instanceDir, String prefix) {
        return ServerConfig.embeddedDefaults(instanceDir).withPort(0)
                .withArtifacts(new ArtifactConfig(Optional.of(s3.settings(prefix)), ArtifactConfig.DEFAULT_MAX_ARTIFACT_BYTES))
                .withDeploy(new DeployConfig(Optional.of(dataDir.resolve("signing.pem")), DeployConfig.DEFAULT_MANIFEST_TTL));
    }

    @Test
    void whileS3IsDownUploadsAndDownloadsAnswer503AndCommitNothingAndTheyWorkAgainOnceItIsBack() throws Exception {
        byte[] kept = bytes(1000);
        assertThat(upload("kept.bin", kept).status()).isEqualTo(201);

        s3.kill();
        try {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertUnavailable(download("kept.bin"));
                assertUnavailable(upload("during.bin", bytes(1000)));
                millis.add((System.nanoTime() - started) / 1_000_000 / 2);
            }
            System.out.printf("S3 down: artifact requests answered 503 in %s ms%n", millis);
            assertThat(millis).allSatisfy(ms -> assertThat(ms).as("a 503 while S3 is down, in ms").isLessThan(10_000));
            assertThat(artifactPaths()).as("a refused upload commits no row").containsExactly("kept.bin");
        } finally {
            s3.restart();
        }

        HttpResponse<byte[]> again = HttpClient.newHttpClient().send(
                registry.request(artifactPath("kept.bin"), TestRegistry.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(kept);
        assertThat(upload("during.bin", bytes(1000)).status()).isEqualTo(201);
        assertThat(artifactPaths()).containsExactlyInAnyOrder("kept.bin", "during.bin");
    }

    @Test
    void anUploadCutOffByTheOutageCommitsNothingAndItsMultipartUploadIsAbortedOnceS3IsBack() throws Exception {
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch s3Killed = new CountDownLatch(1);
        long size = 40L << 20; // several parts: the store uploads it as a multipart upload
        CompletableFuture<Response> cut = CompletableFuture.supplyAsync(() -> registry.send(
                registry.request(artifactPath("cut.bin"), TestRegistry.ADMIN_TOKEN)
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternInput(size, size / 2, () -> {
                            halfSent.countDown();
                            awaitQuietly(s3Killed); // the rest is sent only once S3 is down
                        })))
                        .build()));
        assertThat(halfSent.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(500); // the store has started its multipart upload and sent the first part
        s3.kill();
        s3Killed.countDown();
        Response refused;
        try {
            refused = cut.get(60, TimeUnit.SECONDS);
        } finally {
            s3.restart();
        }
        assertUnavailable(refused);
        assertThat(artifactPaths()).doesNotContain("cut.bin");
        assertThat(multipartUploads()).as("the abort failed while S3 was down").isNotEmpty();

        clock.advance(Duration.ofMinutes(11)); // past the collector's grace for writes that made no progress
        registry.server().context().services().blobCollector().collectOnce(Duration.ofMinutes(10));

        assertThat(multipartUploads()).isEmpty();
    }

    @Test
    void anInstanceOnAnotherPrefixRefusesToStartAndOneOnTheSamePrefixStarts() {
        String url = registry.server().context().config().jdbcUrl();
        assertThatThrownBy(() -> TestRegistry.start(config(dataDir.resolve("b"), "elsewhere").withDb(url)))
                .hasMessageContaining("is not the one this database was written with")
                .hasMessageContaining("carries no store id");
        try (TestRegistry same = TestRegistry.start(config(dataDir.resolve("c"), PREFIX).withDb(url))) {
            assertThat(same.get("/readyz", null).status()).isEqualTo(200);
        }
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo("urn:model-registry:problem:unavailable");
        assertThat(response.body().get("detail").asText()).isNotBlank();
    }

    private static Response upload(String path, byte[] bytes) {
        return registry.send(registry.request(artifactPath(path), TestRegistry.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private static Response download(String path) {
        return registry.get(artifactPath(path), TestRegistry.ADMIN_TOKEN);
    }

    private static List<String> artifactPaths() {
        JsonNode listed = TestRegistry.expect(200, registry.get("/models/outage/versions/" + version + "/artifacts",
                TestRegistry.ADMIN_TOKEN)).body();
        List<String> paths = new ArrayList<>();
        listed.get("items").forEach(a -> paths.add(a.get("path").asText()));
        return paths;
    }

    private static List<String> multipartUploads() {
        try (S3Client client = s3.client()) {
            return client.listMultipartUploads(b -> b.bucket(s3.bucket()).prefix(PREFIX + "/")).uploads().stream()
                    .map(upload -> upload.key()).toList();
        }
    }

    private static String artifactPath(String path) {
        return "/models/outage/versions/" + version + "/artifacts/" + path;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
