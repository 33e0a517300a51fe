package dev.modelregistry.cli;

import dev.modelregistry.client.FakeRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.client.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static dev.modelregistry.client.FakeRegistry.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;

class ArtifactVerbsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MODEL_ID = "xsmom@2026.05.15-r3";
    private static final String VERSION = "/models/xsmom/versions/" + MODEL_ID;
    private static final String OCTETS = "application/octet-stream";
    private static final String UNSEALED = "{\"model_id\": \"" + MODEL_ID + "\", \"ready_at\": null}";

    private FakeRegistry registry;
    private Map<String, String> environment;

    @TempDir
    Path directory;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        environment = Map.of("MODELREG_URL", registry.uri().toString(), "MODELREG_TOKEN", "mr_t");
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void uploadingADirectorySendsEveryFileAsItsRelativePathInSortedOrder() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        byte[] weights = randomBytes(3 * 1024 * 1024 + 5);
        write(model.resolve("weights/b.bin"), weights);
        write(model.resolve("weights/a.bin"), "new a".getBytes());
        write(model.resolve("config.json"), "{}".getBytes());
        write(model.resolve("tokenizer/vocab.txt"), "hello\n".getBytes());
        registry.on("GET", VERSION, 200, JSON, UNSEALED);
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing(
                artifact("config.json", sha256("{}".getBytes()), 2),
                artifact("weights/a.bin", sha256("old a".getBytes()), 5)));
        registry.on("PUT", VERSION + "/artifacts/config.json", 200, JSON, artifact("config.json", sha256("{}".getBytes()), 2));
        registry.on("PUT", VERSION + "/artifacts/tokenizer/vocab.txt", 201, JSON,
                artifact("tokenizer/vocab.txt", sha256("hello\n".getBytes()), 6));
        registry.on("PUT", VERSION + "/artifacts/weights/a.bin", 200, JSON, artifact("weights/a.bin", sha256("new a".getBytes()), 5));
        registry.on("PUT", VERSION + "/artifacts/weights/b.bin", 201, JSON, artifact("weights/b.bin", sha256(weights), weights.length));

        CliRun run = CliRun.run(environment, "upload", MODEL_ID, model.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(
                "config.json                2  " + sha256("{}".getBytes()) + "  unchanged\n"
                + "tokenizer/vocab.txt        6  " + sha256("hello\n".getBytes()) + "  new\n"
                + "weights/a.bin              5  " + sha256("new a".getBytes()) + "  replaced\n"
                + "weights/b.bin        3145733  " + sha256(weights) + "  new\n");
        List<FakeRegistry.Received> puts = registry.received().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).extracting(FakeRegistry.Received::rawPath).containsExactly(
                VERSION + "/artifacts/config.json", VERSION + "/artifacts/tokenizer/vocab.txt",
                VERSION + "/artifacts/weights/a.bin", VERSION + "/artifacts/weights/b.bin");
        assertThat(puts.getLast().bytes()).isEqualTo(weights);
        assertThat(puts.getLast().header("Content-Digest")).isEqualTo(Sha256.digestField(sha256(weights)));
        assertThat(puts).extracting(r -> r.header("Content-Type")).containsOnly(OCTETS);
    }

    @Test
    void aFileUploadsAsItsNameOrAsTheNameGivenWithTheMediaTypeGiven() throws Exception {
        Path file = write(directory.resolve("run-17.onnx"), "onnx".getBytes());
        String sha256 = sha256("onnx".getBytes());
        registry.on("GET", VERSION, 200, JSON, UNSEALED);
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing());
        registry.on("PUT", VERSION + "/artifacts/model/model.onnx", 200, JSON,
                artifact("model/model.onnx", sha256, 4).replace("}", ", \"outcome\": \"unchanged\"}"));

        CliRun run = CliRun.run(environment, "upload", MODEL_ID, file.toString(), "--as", "model/model.onnx",
                "--media-type", "application/onnx");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).as("the registry's outcome wins over the (empty) listing taken before")
                .isEqualTo("model/model.onnx  4  " + sha256 + "  unchanged\n");
        FakeRegistry.Received put = registry.received().getLast();
        assertThat(put.header("Content-Type")).isEqualTo("application/onnx");
        assertThat(put.body()).isEqualTo("onnx");
    }

    @Test
    void aSymbolicLinkInsideTheDirectoryIsFollowedButOneLeavingItIsRefusedBeforeAnyRequest() throws Exception {
        Path model = Files.createDirectories(directory.resolve("model"));
        write(model.resolve("weights.bin"), "w".getBytes());
        Files.createSymbolicLink(model.resolve("alias.bin"), model.resolve("weights.bin"));
        Path secret = write(directory.resolve("secret/id_ed25519"), "private key".getBytes());
        Files.createSymbolicLink(model.resolve("leak"), secret.getParent());

        CliRun refused = CliRun.run(environment, "upload", MODEL_ID, model.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("leak", "leading outside");
        assertThat(registry.received()).isEmpty();

        Files.delete(model.resolve("leak"));
        registry.on("GET", VERSION, 200, JSON, UNSEALED);
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing());
        registry.on("PUT", VERSION + "/artifacts/alias.bin", 201, JSON, artifact("alias.bin", sha256("w".getBytes()), 1));
        registry.on("PUT", VERSION + "/artifacts/weights.bin", 201, JSON, artifact("weights.bin", sha256("w".getBytes()), 1));

        CliRun followed = CliRun.run(environment, "upload", MODEL_ID, model.toString());

        assertThat(followed.exitCode()).isZero();
        assertThat(followed.out()).contains("alias.bin", "weights.bin");
    }

    @Test
    void namesTheRegistryWouldRefuseAndDuplicatesAreUsageErrorsBeforeAnyRequest() throws Exception {
        Path spaced = write(directory.resolve("my model.bin"), "x".getBytes());
        Path one = write(directory.resolve("a/model.bin"), "1".getBytes());
        Path two = write(directory.resolve("b/model.bin"), "2".getBytes());

        CliRun badName = CliRun.run(environment, "upload", MODEL_ID, spaced.toString());
        CliRun duplicate = CliRun.run(environment, "upload", MODEL_ID, one.toString(), two.toString());
        CliRun badId = CliRun.run(environment, "upload", "xsmom", one.toString());

        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("my model.bin", "A-Z a-z 0-9 . _ -", "--as");
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).contains("two files would upload as 'model.bin'");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("MODEL_ID must look like NAME@YYYY.MM.DD-rN");
        assertThat(registry.received()).isEmpty();
    }

    @Test
    void uploadingToASealedVersionIsRefusedBeforeAnythingIsHashedOrSent() throws Exception {
        Path file = write(directory.resolve("a.bin"), "a".getBytes());
        registry.on("GET", VERSION, 200, JSON,
                "{\"model_id\": \"" + MODEL_ID + "\", \"ready_at\": \"2026-05-15T12:00:00.000000Z\"}");

        CliRun run = CliRun.run(environment, "upload", MODEL_ID, file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sealed", "2026-05-15T12:00:00.000000Z");
        assertThat(registry.received()).extracting(FakeRegistry.Received::method).containsExactly("GET");
    }

    @Test
    void downloadWritesEveryArtifactBelowOutCreatingSubdirectories() throws Exception {
        Map<String, byte[]> contents = Map.of("config.json", "{}".getBytes(), "weights/model.bin",
                randomBytes(2 * 1024 * 1024 + 1), "weights/shards/s0.bin", "shard".getBytes());
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing(
                artifact("config.json", sha256(contents.get("config.json")), 2),
                artifact("weights/model.bin", sha256(contents.get("weights/model.bin")), 2 * 1024 * 1024 + 1),
                artifact("weights/shards/s0.bin", sha256(contents.get("weights/shards/s0.bin")), 5)));
        contents.forEach((path, bytes) -> registry.on("GET", VERSION + "/artifacts/" + path, 200, OCTETS, bytes,
                Map.of("Repr-Digest", Sha256.digestField(sha256(bytes)))));
        Path out = directory.resolve("out");

        CliRun run = CliRun.run(environment, "download", MODEL_ID, "--out", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(
                "config.json                  2  " + sha256(contents.get("config.json")) + "\n"
                + "weights/model.bin      2097153  " + sha256(contents.get("weights/model.bin")) + "\n"
                + "weights/shards/s0.bin        5  " + sha256(contents.get("weights/shards/s0.bin")) + "\n");
        for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(entry.getKey()))).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(filesUnder(out)).containsExactly("config.json", "weights/model.bin", "weights/shards/s0.bin");
    }

    @Test
    void downloadOfChosenPathsFetchesOnlyThose() throws Exception {
        for (int run = 0; run < 2; run++) {
            registry.on("GET", VERSION + "/artifacts", 200, JSON, listing(
                    artifact("a.bin", sha256("a".getBytes()), 1), artifact("b.bin", sha256("b".getBytes()), 1)));
        }
        registry.on("GET", VERSION + "/artifacts/b.bin", 200, OCTETS, "b".getBytes(),
                Map.of("Repr-Digest", Sha256.digestField(sha256("b".getBytes()))));

        CliRun run = CliRun.run(environment, "download", MODEL_ID, "b.bin", "--out", directory.toString());
        CliRun missing = CliRun.run(environment, "download", MODEL_ID, "c.bin", "--out", directory.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(filesUnder(directory)).containsExactly("b.bin");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("artifact 'c.bin' of " + MODEL_ID + " does not exist");
    }

    @Test
    void aListingWithAPathLeavingOutIsRefusedAndNothingIsDownloaded() throws Exception {
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing(
                artifact("a.bin", sha256("a".getBytes()), 1), artifact("../escaped.bin", sha256("x".getBytes()), 1)));
        Path out = Files.createDirectories(directory.resolve("out"));

        CliRun run = CliRun.run(environment, "download", MODEL_ID, "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("../escaped.bin", "not a safe relative path", "nothing was downloaded");
        assertThat(registry.received()).extracting(FakeRegistry.Received::rawPath).containsExactly(VERSION + "/artifacts");
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void aDownloadThatFailsVerificationExitsWith3AndWritesNothing() throws Exception {
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing(artifact("a.bin", sha256("original".getBytes()), 8)));
        registry.on("GET", VERSION + "/artifacts/a.bin", 200, OCTETS, "tampered".getBytes(),
                Map.of("Repr-Digest", Sha256.digestField(sha256("original".getBytes()))));

        CliRun run = CliRun.run(environment, "download", MODEL_ID, "--out", directory.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: verification failed: a.bin: the bytes received hash to sha256 "
                + sha256("tampered".getBytes()));
        assertThat(run.out()).isEmpty();
        assertThat(filesUnder(directory)).isEmpty();
    }

    @Test
    void aProgressBarIsDrawnOnStderrOnlyForATerminalAndNeverUnderQuiet() throws Exception {
        Path file = write(directory.resolve("model.bin"), randomBytes(1024 * 1024));
        String sha256 = sha256(Files.readAllBytes(file));
        for (int i = 0; i < 3; i++) {
            registry.on("GET", VERSION, 200, JSON, UNSEALED);
            registry.on("GET", VERSION + "/artifacts", 200, JSON, listing());
            registry.on("PUT", VERSION + "/artifacts/model.bin", 201, JSON, artifact("model.bin", sha256, 1024 * 1024));
        }
        String line = "model.bin  1048576  " + sha256 + "  new\n";

        CliRun terminal = CliRun.run(new Terminal(true, 100), environment, "upload", MODEL_ID, file.toString());
        CliRun quiet = CliRun.run(new Terminal(true, 100), environment, "upload", MODEL_ID, file.toString(), "--quiet");
        CliRun piped = CliRun.run(Terminal.NONE, environment, "upload", MODEL_ID, file.toString());

        assertThat(terminal.out()).isEqualTo(line);
        assertThat(terminal.err()).startsWith("\rmodel.bin  [").contains("/ 1.0 MiB").endsWith(" ".repeat(99) + "\r");
        assertThat(quiet.out()).isEqualTo(line);
        assertThat(quiet.err()).isEmpty();
        assertThat(piped.out()).isEqualTo(line);
        assertThat(piped.err()).isEmpty();
    }

    @Test
    void artifactsPrintsATableAndSealConfirms() {
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing(
                artifact("config.json", "a".repeat(64), 2), artifact("weights/model.bin", "b".repeat(64), 4096)));
        registry.on("POST", VERSION + ":seal", 200, JSON,
                "{\"model_id\": \"" + MODEL_ID + "\", \"ready_at\": \"2026-05-15T12:00:00.000000Z\"}");

        CliRun artifacts = CliRun.run(environment, "artifacts", MODEL_ID);
        CliRun seal = CliRun.run(environment, "seal", MODEL_ID);

        assertThat(artifacts.exitCode()).isZero();
        assertThat(artifacts.out()).isEqualTo(
                "PATH               SIZE  SHA256" + " ".repeat(58) + "  MEDIA_TYPE\n"
                + "config.json        2     " + "a".repeat(64) + "  " + OCTETS + "\n"
                + "weights/model.bin  4096  " + "b".repeat(64) + "  " + OCTETS + "\n");
        assertThat(seal.exitCode()).isZero();
        assertThat(seal.out()).isEqualTo("sealed " + MODEL_ID + ": ready_at 2026-05-15T12:00:00.000000Z\n");
        assertThat(registry.received().getLast().method()).isEqualTo("POST");
    }

    @Test
    void uploadUnderJsonPrintsOneDocumentWithEachArtifactAsTheRegistryAnswered() throws Exception {
        Path file = write(directory.resolve("a.bin"), "a".getBytes());
        registry.on("GET", VERSION, 200, JSON, UNSEALED);
        registry.on("GET", VERSION + "/artifacts", 200, JSON, listing());
        registry.on("PUT", VERSION + "/artifacts/a.bin", 201, JSON,
                artifact("a.bin", sha256("a".getBytes()), 1).replace("}", ", \"outcome\": \"created\"}"));

        CliRun run = CliRun.run(new Terminal(true, 80), environment, "upload", MODEL_ID, file.toString(), "--json");

        JsonNode document = MAPPER.readTree(run.out());
        assertThat(document.get("items")).hasSize(1);
        assertThat(document.get("items").get(0).get("outcome").asText()).isEqualTo("created");
        assertThat(document.get("items").get(0).get("path").asText()).isEqualTo("a.bin");
        assertThat(run.err()).as("no progress bar under --json").isEmpty();
    }

    private static String listing(String... artifacts) {
        return "{\"items\": [" + String.join(", ", artifacts) + "], \"next\": null}";
    }

    private static String artifact(String path, String sha256, long size) {
        return "{\"path\": \"" + path + "\", \"sha256\": \"" + sha256 + "\", \"size\": " + size
                + ", \"media_type\": \"" + OCTETS + "\", \"uploaded_at\": \"2026-05-15T10:00:00.000000Z\","
                + " \"uploaded_by\": \"alice\"}";
    }

    private static Path write(Path file, byte[] content) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every regular file below {@code root}, relative, sorted: a leftover temporary file would show here. */
    private static List<String> filesUnder(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

}
