package dev.modelregistry.cli;

import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.deploy.DeployGuard;
import dev.modelregistry.client.deploy.DeploymentSnapshot;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.DeployConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4: two registry instances on one PostgreSQL database and one signing key; a deploy guard watching
 * instance A switches when a rollback is made on instance B (the change crosses instances by LISTEN/NOTIFY).
 */
class DeployGuardCrossInstanceTest {
    private static final String ADMIN = "deploy-cross-admin-token-0123456789abcdef";

    @TempDir
    Path dir;
    private final String url = TestDatabases.freshPostgresSchemaUrl();

    @AfterEach
    void dropSchema() {
        TestDatabases.dropSchemaOf(url);
    }

    @Test
    void aGuardWatchingOneInstanceSwitchesOnARollbackMadeOnAnother() throws Exception {
        DeployConfig deploy = new DeployConfig(Optional.of(dir.resolve("registry-signing-key.pem")),
                DeployConfig.DEFAULT_MANIFEST_TTL);
        // One data directory: the instances share the blob files as they share the database.
        ServerConfig config = ServerConfig.embeddedDefaults(dir.resolve("data")).withPort(0).withDb(url)
                .withBootstrapAdminToken(ADMIN).withDeploy(deploy);
        try (RegistryServer a = RegistryServer.start(config); RegistryServer b = RegistryServer.start(config);
             PromotionFixture fixture = new PromotionFixture(uri(a), ADMIN, "xi");
             RegistryClient approverOnB = new RegistryClient(uri(b), fixture.approverToken)) {
            String v1 = fixture.ready("xi-model", DeployGuardAgainstRealServerTest.artifacts("xi v1"));
            fixture.promote("xi-model", v1, 100);
            try (DeployGuard guard = DeployGuard.builder().registry(fixture.registrant).model("xi-model")
                    .pinnedKey(fixture.activeRegistryKeyPem()).cacheDirectory(dir.resolve("cache"))
                    .stateFile(dir.resolve("state/xi-model.json")).build()) {
                BlockingQueue<DeploymentSnapshot> changes = new LinkedBlockingQueue<>();
                guard.onChange(changes::add);
                guard.load();
                changes.clear();
                guard.watch();
                String v2 = fixture.ready("xi-model", DeployGuardAgainstRealServerTest.artifacts("xi v2"));
                fixture.promote("xi-model", v2, 100);
                assertThat(changes.poll(10, TimeUnit.SECONDS)).extracting(s -> s.production().modelId()).isEqualTo(v2);
                long downloads = guard.downloads();
                // Let the guard settle into its next long-poll on A before the change happens on B.
                Thread.sleep(300);

                approverOnB.rollback("xi-model", "drawdown beyond limit");
                Instant rolledBack = Instant.now();
                DeploymentSnapshot seen = changes.poll(10, TimeUnit.SECONDS);

                assertThat(seen).as("the guard on A saw the rollback made on B").isNotNull();
                assertThat(Duration.between(rolledBack, Instant.now())).isLessThan(Duration.ofSeconds(10));
                assertThat(seen.revision()).isEqualTo(3);
                assertThat(seen.production().modelId()).isEqualTo(v1);
                assertThat(guard.pick("any").modelId()).isEqualTo(v1);
                assertThat(guard.downloads()).isEqualTo(downloads);
            }
        }
    }

    private static URI uri(RegistryServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
