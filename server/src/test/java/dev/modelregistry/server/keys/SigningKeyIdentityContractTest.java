package dev.modelregistry.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.config.DeployConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every instance of a registry signs with the database's one active key: an instance with another key, or with a
 * key a rotation retired, refuses to start with a message that says what to do, and publishes nothing.
 */
abstract class SigningKeyIdentityContractTest {
    @TempDir
    Path dir;

    abstract Backend backend();

    @Test
    void anInstanceWithAnotherKeyRefusesToStartAndPublishesNothing() {
        try (TestRegistry first = backend().start(config("a", "key-a.pem"))) {
            ServerConfig second = sameDatabase(first, config("b", "key-b.pem"));
            assertThatThrownBy(() -> TestRegistry.start(second))
                    .hasMessageContaining("is not the registry's active key").hasMessageContaining("--signing-key");
            assertThat(activeKeys(first)).hasSize(1);
        }
    }

    @Test
    void anInstanceWithTheSameKeyFileStarts() {
        try (TestRegistry first = backend().start(config("a", "shared.pem"));
             TestRegistry second = TestRegistry.start(sameDatabase(first, config("b", "shared.pem")))) {
            assertThat(activeKeys(second)).isEqualTo(activeKeys(first)).hasSize(1);
        }
    }

    @Test
    void anInstanceWithARetiredKeyRefusesToStart() throws IOException {
        try (TestRegistry first = backend().start(config("a", "key-a.pem"))) {
            Files.copy(dir.resolve("key-a.pem"), dir.resolve("before-rotation.pem"));
            TestRegistry.expect(200, first.post("/keys:rotate", TestRegistry.ADMIN_TOKEN, "{}"));
            ServerConfig stale = sameDatabase(first, config("b", "before-rotation.pem"));
            assertThatThrownBy(() -> TestRegistry.start(stale)).hasMessageContaining("was retired by a rotation");
            assertThat(activeKeys(first)).hasSize(1);
        }
    }

    private ServerConfig config(String instance, String keyFile) {
        // One shared artifact directory: a second instance on a store of its own would be refused for that instead.
        ServerConfig defaults = ServerConfig.embeddedDefaults(dir.resolve(instance)).withPort(0);
        return defaults.withArtifacts(defaults.artifacts().inDirectory(dir.resolve("artifacts")))
                .withDeploy(new DeployConfig(Optional.of(dir.resolve(keyFile)), DeployConfig.DEFAULT_MANIFEST_TTL));
    }

    /** The second instance's configuration on the first one's database (SQLite file or PostgreSQL schema). */
    private static ServerConfig sameDatabase(TestRegistry first, ServerConfig second) {
        return second.withDb(first.server().context().config().jdbcUrl());
    }

    private static List<String> activeKeys(TestRegistry registry) {
        JsonNode keys = TestRegistry.expect(200, registry.get("/keys", null)).body().get("keys");
        List<String> active = new ArrayList<>();
        keys.forEach(key -> {
            if (key.get("status").asText().equals("active")) {
                active.add(key.get("keyid").asText());
            }
        });
        return active;
    }
}
