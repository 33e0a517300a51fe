package dev.modelregistry.server.artifact;

import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blob collector against a real server and store: bytes no artifact row names go, bytes a committed row names
 * never do, not even while uploads and collections of the same content race each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BlobCollectionContractTest {
    private static final AtomicInteger MODELS = new AtomicInteger();

    private TestRegistry registry;
    private DeployFixture fixture;

    abstract Backend backend();

    @BeforeAll
    void start() {
        registry = backend().start(TestRegistry.config());
        fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "gc-" + backend().name().toLowerCase());
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void bytesNoRowNamesAreRemovedAndNamedBytesAreKept() throws Exception {
        String model = model();
        String version = fixture.candidate(model).get("model_id").asText();
        byte[] named = bytes("named content");
        assertThat(upload(model, version, "kept.bin", named).statusCode()).isEqualTo(201);
        StoredBlob orphan = store().put(new ByteArrayInputStream(bytes("orphan: its row was never written")),
                Optional.empty(), Long.MAX_VALUE);

        BlobCollector.Pass pass = collectNow();

        assertThat(store().size(orphan.sha256())).isEmpty();
        assertThat(pass.blobsRemoved()).isGreaterThanOrEqualTo(1);
        assertThat(download(model, version, "kept.bin")).isEqualTo(named);
        assertThat(download(model, version, "weights.bin")).isNotEmpty();
    }

    @Test
    void replacedContentIsRemovedOnceNothingNamesIt() throws Exception {
        String model = model();
        String version = fixture.candidate(model).get("model_id").asText();
        byte[] first = bytes("first content of a path");
        byte[] second = bytes("second content of the same path");
        assertThat(upload(model, version, "swap.bin", first).statusCode()).isEqualTo(201);
        assertThat(upload(model, version, "swap.bin", second).statusCode()).isEqualTo(200);

        collectNow();

        assertThat(store().size(BlobStoreContractTest.sha256(first))).isEmpty();
        assertThat(download(model, version, "swap.bin")).isEqualTo(second);
    }

    @Test
    void collectingWhileTheSameContentIsUploadedNeverLosesNamedBytes() throws Exception {
        String model = model();
        String version = fixture.candidate(model).get("model_id").asText();
        byte[][] contents = {bytes("racing content A"), bytes("racing content B")};
        AtomicBoolean uploading = new AtomicBoolean(true);
        CompletableFuture<Integer> collector = CompletableFuture.supplyAsync(() -> {
            int passes = 0;
            while (uploading.get()) {
                try {
                    collectNow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                passes++;
            }
            return passes;
        });
        List<Integer> refusedForRemoval = new ArrayList<>();
        try {
            // Alternating contents: each replacement leaves the other content unnamed, for the collector to take,
            // while the next upload brings exactly that content back.
            for (int i = 0; i < 60; i++) {
                byte[] content = contents[i % 2];
                HttpResponse<String> response = upload(model, version, "race.bin", content);
                if (response.statusCode() == 503) {
                    assertThat(response.body()).as("the only 503 an upload may get here")
                            .contains("removed the same content as unreferenced just now");
                    refusedForRemoval.add(i);
                    continue;
                }
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                assertThat(download(model, version, "race.bin")).as("upload %d", i).isEqualTo(content);
            }
        } finally {
            uploading.set(false);
        }
        assertThat(collector.get()).isPositive();
        System.out.printf("blob race: 60 uploads, %d refused with 503 while their content was being removed%n",
                refusedForRemoval.size());
    }

    @Test
    void theScrubFindsBytesAlteredOrLostInTheStore() throws Exception {
        String model = model();
        String version = fixture.candidate(model).get("model_id").asText();
        byte[] altered = bytes("bytes someone will change on disk");
        byte[] lost = bytes("bytes someone will delete");
        assertThat(upload(model, version, "altered.bin", altered).statusCode()).isEqualTo(201);
        assertThat(upload(model, version, "lost.bin", lost).statusCode()).isEqualTo(201);
        BlobScrubber scrubber = registry.server().context().services().blobScrubber();
        assertThat(scrubber.scrubAll().findings()).as("nothing is wrong yet").isEmpty();

        String alteredSha = BlobStoreContractTest.sha256(altered);
        store().delete(alteredSha);
        replaceBehindTheStoresBack(alteredSha, bytes("other bytes under the same name"));
        store().delete(BlobStoreContractTest.sha256(lost));

        assertThat(scrubber.scrubAll().findings()).extracting(BlobScrubber.Finding::sha256)
                .containsExactlyInAnyOrder(alteredSha, BlobStoreContractTest.sha256(lost));
    }

    /** Writes {@code content} where the store keeps {@code sha256}, as a disk or bucket writer could. */
    private void replaceBehindTheStoresBack(String sha256, byte[] content) throws IOException {
        if (store() instanceof FileBlobStore files) {
            Path path = files.pathOf(sha256);
            Files.createDirectories(path.getParent());
            Files.write(path, content);
        }
    }

    @Test
    void abandonedPartialFilesAreRemoved() throws Exception {
        if (!(store() instanceof FileBlobStore files)) {
            return; // the S3 store's leftovers are covered by S3BlobStoreContractTest
        }
        Path tmp = Path.of(files.describe().replace("files under ", "")).resolve("tmp");
        Path partial = Files.writeString(tmp.resolve("abandoned.partial"), "half an upload");
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minusSeconds(3600)));

        registry.server().context().services().blobCollector().collectOnce(Duration.ofMinutes(10));

        assertThat(partial).doesNotExist();
    }

    /** A pass that treats every blob as old enough: only the claim in the database protects named bytes. */
    private BlobCollector.Pass collectNow() throws IOException {
        return registry.server().context().services().blobCollector().collectOnce(Duration.ofMillis(-1000));
    }

    private BlobStore store() {
        return registry.server().blobStore();
    }

    private HttpResponse<String> upload(String model, String version, String path, byte[] content) {
        return fixture.raw(HttpRequest.newBuilder(registry.baseUri()
                        .resolve("/models/" + model + "/versions/" + version + "/artifacts/" + path))
                .header("Authorization", "Bearer " + fixture.registrantToken)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    private byte[] download(String model, String version, String path) {
        HttpResponse<String> response = fixture.raw(HttpRequest.newBuilder(registry.baseUri()
                        .resolve("/models/" + model + "/versions/" + version + "/artifacts/" + path))
                .header("Authorization", "Bearer " + fixture.registrantToken).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().getBytes(StandardCharsets.UTF_8);
    }

    private static String model() {
        return "gc-model-" + MODELS.incrementAndGet();
    }

    private static byte[] bytes(String text) {
        return (text + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    }
}
