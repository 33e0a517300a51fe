package dev.modelregistry.server.artifact;

import dev.modelregistry.server.config.DeployConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An instance serves the artifact store its database was written with, or does not start: a second instance given
 * a file store of its own (not the shared one), or a store that lost its identity, refuses with a message that says
 * what to do, instead of answering 503 for every artifact the first instance stored.
 */
abstract class BlobStoreIdentityContractTest {
    @TempDir
    Path dir;

    abstract Backend backend();

    @Test
    void theFirstStartRecordsTheStoreAndARestartOnItStarts() throws IOException {
        ServerConfig config = config("a", dir.resolve("shared-artifacts"));
        try (TestRegistry first = backend().start(config)) {
            String id = Files.readString(dir.resolve("shared-artifacts").resolve("store-id")).strip();
            assertThat(id).matches("[0-9a-f-]{36}");
            first.server().close();
            try (TestRegistry again = TestRegistry.start(sameDatabase(first, config))) {
                assertThat(again.get("/readyz", null).status()).isEqualTo(200);
            }
            assertThat(Files.readString(dir.resolve("shared-artifacts").resolve("store-id")).strip()).isEqualTo(id);
        }
    }

    @Test
    void instancesSharingOneArtifactDirectoryBothStart() {
        try (TestRegistry first = backend().start(config("a", dir.resolve("shared-artifacts")));
             TestRegistry second = TestRegistry.start(sameDatabase(first, config("b", dir.resolve("shared-artifacts"))))) {
            assertThat(second.get("/readyz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void aSecondInstanceOnAFileStoreOfItsOwnRefusesToStart() {
        try (TestRegistry first = backend().start(config("a", dir.resolve("shared-artifacts")))) {
            ServerConfig unshared = sameDatabase(first, config("b", dir.resolve("b-artifacts")));
            assertThatThrownBy(() -> TestRegistry.start(unshared))
                    .hasMessageContaining("is not the one this database was written with")
                    .hasMessageContaining("carries no store id")
                    .hasMessageContaining("shared");
            assertThat(dir.resolve("b-artifacts").resolve("store-id")).as("nothing claims the wrong store").doesNotExist();
        }
    }

    @Test
    void aStoreWithAnotherIdentityRefusesToStart() throws IOException {
        try (TestRegistry first = backend().start(config("a", dir.resolve("shared-artifacts")))) {
            try (TestRegistry other = backend().start(config("c", dir.resolve("other-artifacts")))) {
                assertThat(other.get("/readyz", null).status()).isEqualTo(200);
            }
            ServerConfig wrong = sameDatabase(first, config("b", dir.resolve("other-artifacts")));
            String otherId = Files.readString(dir.resolve("other-artifacts").resolve("store-id")).strip();
            assertThatThrownBy(() -> TestRegistry.start(wrong))
                    .hasMessageContaining("carries store id " + otherId)
                    .hasMessageContaining("the database expects");
        }
    }

    @Test
    void aStoreThatLostItsIdentityFileRefusesToStart() throws IOException {
        ServerConfig config = config("a", dir.resolve("shared-artifacts"));
        try (TestRegistry first = backend().start(config)) {
            first.server().close();
            Files.delete(dir.resolve("shared-artifacts").resolve("store-id"));
            assertThatThrownBy(() -> TestRegistry.start(sameDatabase(first, config)))
                    .hasMessageContaining("restore the store's identity file");
        }
    }

    /** An instance with its own data directory, one signing key for all (so only the store can differ). */
    private ServerConfig config(String instance, Path artifacts) {
        ServerConfig defaults = ServerConfig.embeddedDefaults(dir.resolve(instance)).withPort(0);
        return defaults.withArtifacts(defaults.artifacts().inDirectory(artifacts))
                .withDeploy(new DeployConfig(Optional.of(dir.resolve("signing.pem")), DeployConfig.DEFAULT_MANIFEST_TTL,
                        Optional.of(dir.resolve("audit.pem").toString())));
    }

    /** The configuration on the first instance's database (SQLite file or PostgreSQL schema). */
    private static ServerConfig sameDatabase(TestRegistry first, ServerConfig config) {
        return config.withDb(first.server().context().config().jdbcUrl());
    }
}
