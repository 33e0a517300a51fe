package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static dev.modelregistry.client.FakeRegistry.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RegistryClientArtifactTest {
    private static final String MODEL_ID = "xsmom@2026.05.15-r3";
    private static final String VERSION_PATH = "/models/xsmom/versions/" + MODEL_ID;
    private static final String OCTETS = "application/octet-stream";

    private FakeRegistry registry;
    private RegistryClient client;

    @TempDir
    Path directory;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = new RegistryClient(registry.uri(), "t");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void uploadStreamsTheExactBytesWithDigestLengthAndMediaType() throws Exception {
        byte[] content = randomBytes(5 * 1024 * 1024 + 123);
        Path file = Files.write(directory.resolve("model.bin"), content);
        String sha256 = sha256(content);
        registry.on("PUT", VERSION_PATH + "/artifacts/weights/model.bin", 201, JSON, artifactJson("weights/model.bin",
                sha256, content.length), Map.of());
        List<long[]> progress = new CopyOnWriteArrayList<>();

        UploadedArtifact uploaded = client.uploadArtifact("xsmom", MODEL_ID, "weights/model.bin", file, sha256,
                "application/x-safetensors", (done, total) -> progress.add(new long[] {done, total}));

        assertThat(uploaded.created()).isTrue();
        assertThat(uploaded.path()).isEqualTo("weights/model.bin");
        assertThat(uploaded.sha256()).isEqualTo(sha256);
        FakeRegistry.Received request = registry.only();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.header("Content-Digest"))
                .isEqualTo("sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-safetensors");
        assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(content.length));
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
        assertThat(request.header("Expect")).as("a refusal can come before the bytes").isEqualToIgnoringCase("100-continue");
        assertThat(request.bytes()).isEqualTo(content);
        assertThat(progress.getLast()).containsExactly(content.length, content.length);
        assertThat(progress).allSatisfy(step -> assertThat(step[1]).isEqualTo(content.length));
        assertThat(progress).extracting(step -> step[0]).isSorted();
    }

    @Test
    void anUploadToAPathThatAlreadyHeldAnArtifactIsNotCreatedAndDefaultsToOctetStream() throws Exception {
        Path file = Files.writeString(directory.resolve("config.json"), "{}");
        String sha256 = sha256("{}".getBytes());
        registry.on("PUT", VERSION_PATH + "/artifacts/config.json", 200, JSON, artifactJson("config.json", sha256, 2),
                Map.of());

        UploadedArtifact uploaded = client.uploadArtifact("xsmom", MODEL_ID, "config.json", file, sha256, null,
                ProgressListener.NONE);

        assertThat(uploaded.created()).isFalse();
        assertThat(registry.only().header("Content-Type")).isEqualTo(OCTETS);
    }

    @Test
    void artifactPathsAreEncodedPerSegmentKeepingTheSlashes() throws Exception {
        Path file = Files.writeString(directory.resolve("x"), "x");
        String sha256 = sha256("x".getBytes());
        registry.on("PUT", VERSION_PATH + "/artifacts/a%20b/c%25d/e%3Af", 201, JSON, artifactJson("a b/c%d/e:f",
                sha256, 1), Map.of());

        client.uploadArtifact("xsmom", MODEL_ID, "a b/c%d/e:f", file, sha256, null, ProgressListener.NONE);

        assertThat(registry.only().rawPath()).isEqualTo(VERSION_PATH + "/artifacts/a%20b/c%25d/e%3Af");
    }

    @Test
    void artifactPathsThatCouldLeaveTheVersionAreRefusedBeforeAnyRequest() throws Exception {
        Path file = Files.writeString(directory.resolve("x"), "x");
        String sha256 = sha256("x".getBytes());

        for (String path : List.of("../evil", "a/../../b", "/abs", "a//b", "a/", "./a", "")) {
            assertThatThrownBy(() -> client.uploadArtifact("xsmom", MODEL_ID, path, file, sha256, null,
                    ProgressListener.NONE)).as(path).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.downloadArtifact("xsmom", MODEL_ID, path, directory.resolve("out"),
                    sha256, ProgressListener.NONE)).as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void aDigestMismatchRefusalComesBackAsAProblem() throws Exception {
        Path file = Files.writeString(directory.resolve("x"), "x");
        registry.on("PUT", VERSION_PATH + "/artifacts/x", 400, PROBLEM, """
                {"type": "urn:model-registry:problem:digest-mismatch", "title": "Content-Digest does not match",
                 "status": 400, "detail": "the body hashes to 2d71… not 0000…"}""");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> client.uploadArtifact("xsmom",
                MODEL_ID, "x", file, "0".repeat(64), null, ProgressListener.NONE));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("urn:model-registry:problem:digest-mismatch");
        assertThat(problem.isClientError()).isTrue();
    }

    @Test
    void listingAndSealingUseTheVersionsRoutes() {
        registry.on("GET", VERSION_PATH + "/artifacts", 200, JSON, "{\"items\": ["
                + artifactJson("a.bin", "0".repeat(64), 3) + "], \"next\": null}");
        registry.on("POST", VERSION_PATH + ":seal", 200, JSON,
                "{\"model_id\": \"" + MODEL_ID + "\", \"ready_at\": \"2026-05-15T12:00:00.000000Z\"}");

        Page artifacts = client.artifacts("xsmom", MODEL_ID);
        JsonNode sealed = client.seal("xsmom", MODEL_ID);

        assertThat(artifacts.items()).extracting(a -> a.get("path").asText()).containsExactly("a.bin");
        assertThat(artifacts.hasNext()).isFalse();
        assertThat(sealed.get("ready_at").asText()).isEqualTo("2026-05-15T12:00:00.000000Z");
        assertThat(registry.received()).extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly("GET " + VERSION_PATH + "/artifacts", "POST " + VERSION_PATH + ":seal");
    }

    @Test
    void aDownloadIsVerifiedAndMovedIntoPlaceLeavingNothingElse() throws Exception {
        byte[] content = randomBytes(3 * 1024 * 1024 + 7);
        String sha256 = sha256(content);
        registry.on("GET", VERSION_PATH + "/artifacts/weights/model.bin", 200, OCTETS, content,
                Map.of("Repr-Digest", Sha256.digestField(sha256), "ETag", "\"" + sha256 + "\""));
        Path target = directory.resolve("out/weights/model.bin");
        List<long[]> progress = new CopyOnWriteArrayList<>();

        DownloadedArtifact downloaded = client.downloadArtifact("xsmom", MODEL_ID, "weights/model.bin", target,
                sha256, (done, total) -> progress.add(new long[] {done, total}));

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(downloaded.size()).isEqualTo(content.length);
        assertThat(downloaded.sha256()).isEqualTo(sha256);
        assertThat(downloaded.file()).isEqualTo(target.toAbsolutePath());
        assertThat(downloaded.mediaType()).isEqualTo(OCTETS);
        assertThat(filesUnder(directory.resolve("out"))).containsExactly("weights/model.bin");
        assertThat(progress.getLast()).containsExactly(content.length, content.length);
    }

    @Test
    void aWrongReprDigestIsRefusedAndTheExistingFileIsLeftUntouched() throws Exception {
        byte[] content = randomBytes(1024 * 1024);
        String otherSha256 = sha256("something else".getBytes());
        registry.on("GET", VERSION_PATH + "/artifacts/model.bin", 200, OCTETS, content,
                Map.of("Repr-Digest", Sha256.digestField(otherSha256)));
        Path target = Files.writeString(directory.resolve("model.bin"), "the previous version");

        ArtifactIntegrityException refused = catchThrowableOfType(ArtifactIntegrityException.class,
                () -> client.downloadArtifact("xsmom", MODEL_ID, "model.bin", target, null, ProgressListener.NONE));

        assertThat(refused.artifactPath()).isEqualTo("model.bin");
        assertThat(refused.getMessage()).contains("Repr-Digest", otherSha256, sha256(content));
        assertThat(Files.readString(target)).isEqualTo("the previous version");
        assertThat(filesUnder(directory)).containsExactly("model.bin");
    }

    @Test
    void aReprDigestThatDisagreesWithTheListingIsRefusedBeforeTheTransfer() throws Exception {
        byte[] content = "weights".getBytes();
        registry.on("GET", VERSION_PATH + "/artifacts/model.bin", 200, OCTETS, content,
                Map.of("Repr-Digest", Sha256.digestField(sha256(content))));
        List<long[]> progress = new CopyOnWriteArrayList<>();

        ArtifactIntegrityException refused = catchThrowableOfType(ArtifactIntegrityException.class,
                () -> client.downloadArtifact("xsmom", MODEL_ID, "model.bin", directory.resolve("model.bin"),
                        "f".repeat(64), (done, total) -> progress.add(new long[] {done, total})));

        assertThat(refused.getMessage()).contains("f".repeat(64), "expected");
        assertThat(progress).as("no byte was read").isEmpty();
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void bytesThatDoNotHashToTheExpectedSha256AreRefusedEvenWithoutAReprDigest() throws Exception {
        registry.on("GET", VERSION_PATH + "/artifacts/model.bin", 200, OCTETS, "tampered".getBytes(), Map.of());

        ArtifactIntegrityException refused = catchThrowableOfType(ArtifactIntegrityException.class,
                () -> client.downloadArtifact("xsmom", MODEL_ID, "model.bin", directory.resolve("model.bin"),
                        sha256("original".getBytes()), ProgressListener.NONE));

        assertThat(refused.getMessage()).contains(sha256("original".getBytes()), "expected");
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void aDownloadWithNothingToVerifyAgainstIsRefused() throws Exception {
        registry.on("GET", VERSION_PATH + "/artifacts/model.bin", 200, OCTETS, "bytes".getBytes(), Map.of());

        ArtifactIntegrityException refused = catchThrowableOfType(ArtifactIntegrityException.class,
                () -> client.downloadArtifact("xsmom", MODEL_ID, "model.bin", directory.resolve("model.bin"), null,
                        ProgressListener.NONE));

        assertThat(refused.getMessage()).contains("nothing to verify against");
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsRefusedAndLeavesNoFile() throws Exception {
        byte[] content = randomBytes(256 * 1024);
        String sha256 = sha256(content);
        registry.onExchange("GET", VERSION_PATH + "/artifacts/model.bin", exchange -> {
            exchange.getResponseHeaders().add("Repr-Digest", Sha256.digestField(sha256));
            exchange.sendResponseHeaders(200, content.length);
            OutputStream out = exchange.getResponseBody();
            out.write(content, 0, content.length / 2);
            out.flush();
            exchange.close(); // half the bytes sent: the server gives up on the connection
        });

        RegistryUnreachableException broken = catchThrowableOfType(RegistryUnreachableException.class,
                () -> client.downloadArtifact("xsmom", MODEL_ID, "model.bin", directory.resolve("model.bin"), sha256,
                        ProgressListener.NONE));

        assertThat(broken.getMessage()).contains("broke off", "of " + content.length + " bytes");
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void aMissingArtifactIsANotFoundProblemAndLeavesNoFile() throws Exception {
        registry.on("GET", VERSION_PATH + "/artifacts/nope.bin", 404, PROBLEM, """
                {"type": "urn:model-registry:problem:not-found", "title": "No such resource", "status": 404,
                 "detail": "artifact nope.bin does not exist"}""");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> client.downloadArtifact(
                "xsmom", MODEL_ID, "nope.bin", directory.resolve("nope.bin"), null, ProgressListener.NONE));

        assertThat(problem.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(problem.getMessage()).isEqualTo("artifact nope.bin does not exist");
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void fileHashesAndDigestFieldsAgree() throws Exception {
        byte[] content = randomBytes(9 * 1024 * 1024 + 1);
        Path file = Files.write(directory.resolve("big.bin"), content);
        Path empty = Files.write(directory.resolve("empty"), new byte[0]);

        assertThat(Sha256.ofFile(file)).isEqualTo(sha256(content));
        assertThat(Sha256.ofFile(empty)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.digestField(Sha256.ofFile(empty)))
                .isEqualTo("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
        assertThat(Sha256.fromDigestField("sha-512=:z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==:, "
                + "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:"))
                .contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.fromDigestField("sha-512=:AAAA:")).isEmpty();
        assertThatThrownBy(() -> Sha256.fromDigestField("sha-256=:AAAA:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 32");
    }

    private static String artifactJson(String path, String sha256, long size) {
        return "{\"path\": \"" + path + "\", \"sha256\": \"" + sha256 + "\", \"size\": " + size
                + ", \"media_type\": \"application/octet-stream\", \"uploaded_at\": \"2026-05-15T10:00:00.000000Z\","
                + " \"uploaded_by\": \"alice\"}";
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Every regular file below {@code root}, relative, with '/' separators: temporary files would show here. */
    private static List<String> filesUnder(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
