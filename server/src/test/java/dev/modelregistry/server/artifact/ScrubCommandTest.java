package dev.modelregistry.server.artifact;

import dev.modelregistry.server.ServerLauncher;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code modelreg admin scrub-artifacts} on a stopped registry's data directory: its output and exit status. */
class ScrubCommandTest {
    @Test
    void exitsZeroWhenEveryBlobMatchesAndOneNamingEachBadBlob() throws Exception {
        Path dataDir;
        String sha;
        Path blob;
        try (TestRegistry registry = TestRegistry.sqlite()) {
            DeployFixture fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "scrub");
            String id = fixture.candidate("scrubbed").get("model_id").asText();
            dataDir = registry.server().context().config().dataDir();
            sha = BlobStoreContractTest.sha256(("weights of " + id).getBytes(StandardCharsets.UTF_8));
            blob = ((FileBlobStore) registry.server().blobStore()).pathOf(sha);
        }
        Scrub clean = scrub(dataDir);
        assertThat(clean.code()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("checked 1 blob(s)").contains("all match");

        Files.delete(blob);
        Scrub lost = scrub(dataDir);
        assertThat(lost.code()).as(lost.out()).isEqualTo(1);
        assertThat(lost.out()).contains("BAD  " + sha + " is missing from the store").contains("1 do not match");
    }

    private record Scrub(int code, String out) {
    }

    private static Scrub scrub(Path dataDir) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = ServerLauncher.run(List.of("admin", "scrub-artifacts", "--data-dir", dataDir.toString()));
            return new Scrub(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
