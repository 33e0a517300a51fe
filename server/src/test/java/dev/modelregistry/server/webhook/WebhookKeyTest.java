package dev.modelregistry.server.webhook;

import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.config.WebhookConfig;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key that seals webhook secrets: created 0600 beside the signing key at first start, the secrets in the database
 * are not readable without it, and a start with another key is refused instead of failing every delivery later.
 */
class WebhookKeyTest {
    @TempDir
    Path dir;

    @Test
    void secretsAreSealedAndAnotherKeyIsRefusedAtStart() throws Exception {
        ServerConfig first = ServerConfig.embeddedDefaults(dir.resolve("data")).withPort(0);
        String secret;
        try (TestRegistry registry = TestRegistry.start(first)) {
            secret = TestRegistry.expect(201, registry.post("/webhooks", TestRegistry.ADMIN_TOKEN,
                    "{\"url\":\"http://192.0.2.1/hook\"}")).body().get("secret").asText();
            String stored = registry.server().database().withHandle(h -> h.createQuery(
                    "SELECT secret FROM webhook_subscriptions").mapTo(String.class).one());
            assertThat(stored).startsWith("v1:").doesNotContain(secret.substring("whsec_".length()));
        }
        Path key = dir.resolve("data").resolve("webhook-secret-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        Path other = dir.resolve("other-key");
        SecretBox.loadOrCreate(other);
        ServerConfig withOtherKey = first.withWebhooks(new WebhookConfig(java.util.List.of(),
                WebhookConfig.DEFAULT_TIMEOUT, WebhookConfig.DEFAULT_POLL_INTERVAL, Optional.of(other)));
        assertThatThrownBy(() -> TestRegistry.start(withOtherKey)).hasMessageContaining("--webhook-key")
                .hasMessageContaining("not the one this database's webhook secrets were sealed with");

        try (TestRegistry again = TestRegistry.start(first)) {
            assertThat(TestRegistry.expect(200, again.get("/webhooks", TestRegistry.ADMIN_TOKEN)).body().get("items"))
                    .hasSize(1);
        }
    }

    @Test
    void aSealedSecretOpensOnlyWithItsKey() throws Exception {
        SecretBox box = SecretBox.loadOrCreate(dir.resolve("a"));
        SecretBox other = SecretBox.loadOrCreate(dir.resolve("b"));
        String sealed = box.seal("whsec_c2VjcmV0");

        assertThat(box.open(sealed)).isEqualTo("whsec_c2VjcmV0");
        assertThat(box.seal("whsec_c2VjcmV0")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(SecretBox.loadOrCreate(dir.resolve("a")).keyId()).isEqualTo(box.keyId()).isNotEqualTo(other.keyId());
        assertThatThrownBy(() -> other.open(sealed)).hasMessageContaining("does not open with this webhook key");
    }
}
