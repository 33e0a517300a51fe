package dev.modelregistry.server.api;

import dev.modelregistry.server.artifact.ContentDigest;
import dev.modelregistry.server.config.ArtifactConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.S3ProxyServer;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The artifact routes with the S3 store behind them, against a real S3-compatible server (S3Proxy). */
class S3ArtifactApiTest {
    private static S3ProxyServer s3;
    private static TestRegistry registry;
    private static String version;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start();
        registry = TestRegistry.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("s3api")).withPort(0)
                .withArtifacts(new ArtifactConfig(Optional.of(s3.settings("api")), ArtifactConfig.DEFAULT_MAX_ARTIFACT_BYTES)));
        TestRegistry.expect(201, registry.post("/teams", TestRegistry.ADMIN_TOKEN, "{\"name\":\"desk\"}"));
        version = TestRegistry.expect(201, registry.post("/models/s3m/versions", TestRegistry.ADMIN_TOKEN,
                "{\"code_commit\":\"a13fce0\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\"desk\"}"))
                .body().get("model_id").asText();
    }

    @AfterAll
    static void stop() {
        registry.close();
        s3.close();
    }

    @Test
    void aMultipartSizedArtifactRoundTripsThroughS3WithRanges() throws Exception {
        byte[] bytes = new byte[20 * 1024 * 1024 + 5];
        new Random(7).nextBytes(bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        TestRegistry.Response put = registry.send(registry.request(path("w.bin"), TestRegistry.ADMIN_TOKEN)
                .header("Content-Digest", ContentDigest.header(sha))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        assertThat(registry.server().blobStore().size(sha)).hasValue((long) bytes.length);

        HttpResponse<byte[]> whole = HTTP.send(registry.request(path("w.bin"), TestRegistry.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.body()).isEqualTo(bytes);
        HttpResponse<byte[]> range = HTTP.send(registry.request(path("w.bin"), TestRegistry.ADMIN_TOKEN)
                .header("Range", "bytes=10485760-10485859").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 10485760, 10485860));
    }

    @Test
    void aWrongDigestLeavesNothingInTheBucket() throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024];
        new Random(9).nextBytes(bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        TestRegistry.Response put = registry.send(registry.request(path("bad.bin"), TestRegistry.ADMIN_TOKEN)
                .header("Content-Digest", ContentDigest.header("00".repeat(32)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.problemType()).isEqualTo("urn:model-registry:problem:digest-mismatch");
        assertThat(registry.server().blobStore().size(sha)).isEmpty();
        assertThat(registry.server().blobStore().size("00".repeat(32))).isEmpty();
        assertThat(registry.get("/models/s3m/versions/" + version + "/artifacts", TestRegistry.ADMIN_TOKEN)
                .body().get("items").findValuesAsText("path")).doesNotContain("bad.bin");
    }

    private static String path(String artifact) {
        return "/models/s3m/versions/" + version + "/artifacts/" + artifact;
    }
}
