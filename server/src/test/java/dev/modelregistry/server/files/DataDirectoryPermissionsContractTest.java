package dev.modelregistry.server.files;

import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A server started on a data directory that does not exist yet creates everything in it private to its user:
 * every directory 0700, every file 0600 — the SQLite database and its WAL, the signing key, blobs and their shard
 * directories, the ingest spools.
 */
abstract class DataDirectoryPermissionsContractTest {
    /** The database this suite runs on. */
    abstract Backend backend();

    @Test
    void everythingTheServerCreatesUnderItsDataDirectoryIsPrivate() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dataDir = Files.createTempDirectory("modelreg-perms").resolve("not/yet/data");
        try (TestRegistry registry = backend().start(ServerConfig.embeddedDefaults(dataDir).withPort(0))) {
            DeployFixture fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "perms");
            String modelId = fixture.candidate("private").get("model_id").asText();
            TestRegistry.expect(200, registry.send(registry.request("/lineage/signals", TestRegistry.ADMIN_TOKEN)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"signal_id\":\"perm-1\",\"model_id\":\"" + modelId
                            + "\",\"emitted_at\":\"" + Instant.now() + "\"}\n")).build()));

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.getParent())).as("missing parents too").isEqualTo("rwx------");
            assertThat(dataDir.resolve("artifacts/blobs")).isDirectory();
            assertThat(dataDir.resolve("tmp")).as("the ingest spool directory").isDirectory();
            try (Stream<Path> tree = Files.walk(dataDir)) {
                List<Path> all = tree.toList();
                assertThat(all).filteredOn(Files::isRegularFile).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
                assertThat(all).filteredOn(Files::isDirectory)
                        .allSatisfy(dir -> assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------"));
            }
            checkDatabaseFiles(dataDir);
        }
    }

    /** What only this backend puts in the data directory. */
    void checkDatabaseFiles(Path dataDir) {
    }

    static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
