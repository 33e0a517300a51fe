package dev.modelregistry.cli;

import dev.modelregistry.client.deploy.DeployGuard;
import dev.modelregistry.client.deploy.DeployRefusedException;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.client.deploy.DeploymentSnapshot;
import dev.modelregistry.client.deploy.LoadedVersion;
import dev.modelregistry.client.deploy.Manifest;
import dev.modelregistry.client.deploy.Routing;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The deploy guard against a real registry on SQLite (acceptance 3): it loads what was promoted, and refuses bytes
 * altered in the registry's blob store, a manifest signed by another key, an expired manifest and a revision going
 * backwards, each time keeping what it served before; it splits traffic by key, and follows a rollback by switching
 * to the previous production without downloading it again.
 */
class DeployGuardAgainstRealServerTest {
    private static final String ADMIN = "deploy-guard-admin-token-0123456789abcdef0";

    private static Path dataDir;
    private static RegistryServer server;
    private static PromotionFixture fixture;
    private static String registryKey;

    @TempDir
    Path local;

    @BeforeAll
    static void startServer() throws Exception {
        dataDir = Files.createTempDirectory("modelreg-deploy-guard");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(dataDir).withPort(0).withBootstrapAdminToken(ADMIN));
        fixture = new PromotionFixture(URI.create("http://127.0.0.1:" + server.port()), ADMIN, "dg");
        registryKey = fixture.activeRegistryKeyPem();
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
        server.close();
    }

    @Test
    void aPromotedModelLoadsWithEveryArtifactVerifiedInTheCache() throws Exception {
        String v1 = fixture.ready("dg-load", artifacts("dg-load v1"));
        fixture.promote("dg-load", v1, 100);
        try (DeployGuard guard = guard("dg-load", registryKey, Clock.systemUTC())) {
            DeploymentSnapshot snapshot = guard.load();

            assertThat(snapshot.revision()).isEqualTo(1);
            LoadedVersion production = guard.pick("account-1");
            assertThat(production.modelId()).isEqualTo(v1);
            assertThat(production.role()).isEqualTo(Manifest.Role.PRODUCTION);
            assertThat(production.lineageHash())
                    .isEqualTo(fixture.registrant.version("dg-load", v1).get("lineage_hash").asText());
            assertThat(Files.readString(production.artifact("weights.bin"))).isEqualTo("weights of dg-load v1");
            assertThat(Files.readString(production.artifact("config/model.json"))).isEqualTo("{\"layers\":4}");
            assertThat(guard.downloads()).isEqualTo(2);
            assertThat(guard.highestAcceptedRevision()).isEqualTo(1);
        }
    }

    @Test
    void aModelNeverPromotedIsRefusedAsNotDeployed() {
        fixture.ready("dg-candidate", artifacts("dg-candidate v1"));
        try (DeployGuard guard = guard("dg-candidate", registryKey, Clock.systemUTC())) {
            assertThat(refusal(guard).reason()).isEqualTo(Reason.NOT_DEPLOYED);
        }
        try (DeployGuard guard = guard("dg-unregistered", registryKey, Clock.systemUTC())) {
            assertThat(refusal(guard).reason()).isEqualTo(Reason.NOT_DEPLOYED);
        }
    }

    @Test
    void bytesAlteredInTheRegistrysBlobStoreAreRefusedAndNothingSwitches() throws Exception {
        String v1 = fixture.ready("dg-tamper", artifacts("dg-tamper v1"));
        fixture.promote("dg-tamper", v1, 100);
        try (DeployGuard guard = guard("dg-tamper", registryKey, Clock.systemUTC())) {
            guard.load();
            String v2 = fixture.ready("dg-tamper", artifacts("dg-tamper v2"));
            fixture.promote("dg-tamper", v2, 100);
            // Same length, other bytes, written behind the registry's back.
            Files.writeString(blobFile(sha256("weights of dg-tamper v2")), "weights of dg-tamper vX");

            DeployRefusedException refused = refusal(guard);

            assertThat(refused.reason()).isEqualTo(Reason.ARTIFACT_TAMPERED);
            assertThat(refused).hasMessageContaining(v2 + "/weights.bin").hasMessageContaining("sha256");
            assertThat(guard.current().orElseThrow().revision()).isEqualTo(1);
            assertThat(guard.pick("any").modelId()).isEqualTo(v1);
            assertThat(guard.highestAcceptedRevision()).isEqualTo(1);
            assertThat(Files.readString(stateFile("dg-tamper"))).contains("\"revision\":1");
        }
    }

    @Test
    void aManifestSignedByAnotherKeyIsRefused() {
        String v1 = fixture.ready("dg-key", artifacts("dg-key v1"));
        fixture.promote("dg-key", v1, 100);
        String otherKey = Ed25519Pem.toPem(Ed25519Pem.generate().getPublic());
        try (DeployGuard guard = guard("dg-key", otherKey, Clock.systemUTC())) {
            DeployRefusedException refused = refusal(guard);

            assertThat(refused.reason()).isEqualTo(Reason.WRONG_KEY);
            assertThat(guard.current()).isEmpty();
            assertThat(guard.downloads()).isZero();
            assertThat(stateFile("dg-key")).doesNotExist();
        }
    }

    @Test
    void anExpiredManifestIsRefusedAndPickFailsClosedOnceTheLoadedOneExpires() {
        String v1 = fixture.ready("dg-expiry", artifacts("dg-expiry v1"));
        fixture.promote("dg-expiry", v1, 100);
        // The registry's manifests live 10 minutes; the guard allows 30 s of clock skew.
        try (DeployGuard late = guard("dg-expiry", registryKey, offsetClock(Duration.ofMinutes(11)))) {
            assertThat(refusal(late).reason()).isEqualTo(Reason.EXPIRED);
            assertThat(late.current()).isEmpty();
        }
        OffsetClock clock = offsetClock(Duration.ZERO);
        try (DeployGuard guard = guard("dg-expiry", registryKey, clock)) {
            guard.load();
            clock.offset = Duration.ofMinutes(11);
            DeployRefusedException refused = catchThrowableOfType(DeployRefusedException.class, () -> guard.pick("k"));
            assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
        }
    }

    @Test
    void aRevisionBelowTheHighestAcceptedIsRefused() throws Exception {
        String v1 = fixture.ready("dg-replay", artifacts("dg-replay v1"));
        fixture.promote("dg-replay", v1, 100);
        // As if this host had already accepted revision 5 (from this registry before a restore from backup).
        Files.createDirectories(stateFile("dg-replay").getParent());
        Files.writeString(stateFile("dg-replay"), "{\"model\":\"dg-replay\",\"revision\":5}");
        try (DeployGuard guard = guard("dg-replay", registryKey, Clock.systemUTC())) {
            DeployRefusedException refused = refusal(guard);

            assertThat(refused.reason()).isEqualTo(Reason.REVISION_WENT_BACKWARDS);
            assertThat(guard.current()).isEmpty();
            assertThat(guard.highestAcceptedRevision()).isEqualTo(5);
        }
    }

    @Test
    void aCanaryTakesItsShareOfRoutingKeysAndOneKeyAlwaysGetsTheSameVersion() {
        String v1 = fixture.ready("dg-canary", artifacts("dg-canary v1"));
        fixture.promote("dg-canary", v1, 100);
        String v2 = fixture.ready("dg-canary", artifacts("dg-canary v2"));
        fixture.promote("dg-canary", v2, 25);
        try (DeployGuard guard = guard("dg-canary", registryKey, Clock.systemUTC())) {
            DeploymentSnapshot snapshot = guard.load();
            assertThat(snapshot.canaryPct()).isEqualTo(25);
            assertThat(snapshot.production().modelId()).isEqualTo(v1);
            assertThat(snapshot.production().pct()).isEqualTo(75);

            int canary = 0;
            for (int i = 0; i < 10_000; i++) {
                String key = "account-" + i;
                String picked = guard.pick(key).modelId();
                assertThat(picked).isEqualTo(Routing.bucket(key) < 25 ? v2 : v1).isEqualTo(guard.pick(key).modelId());
                canary += picked.equals(v2) ? 1 : 0;
            }
            assertThat(canary).isBetween(2_300, 2_700);
        }
    }

    @Test
    void aWatchingGuardSwitchesToThePreviousProductionOnRollbackWithoutDownloadingIt() throws Exception {
        String v1 = fixture.ready("dg-rollback", artifacts("dg-rollback v1"));
        fixture.promote("dg-rollback", v1, 100);
        try (DeployGuard guard = guard("dg-rollback", registryKey, Clock.systemUTC())) {
            BlockingQueue<DeploymentSnapshot> changes = new LinkedBlockingQueue<>();
            guard.onChange(changes::add);
            guard.load();
            changes.clear();
            guard.watch();

            String v2 = fixture.ready("dg-rollback", artifacts("dg-rollback v2"));
            fixture.promote("dg-rollback", v2, 100);
            DeploymentSnapshot promoted = changes.poll(10, TimeUnit.SECONDS);
            assertThat(promoted).isNotNull();
            assertThat(promoted.production().modelId()).isEqualTo(v2);
            // config/model.json is the same in both versions: only v2's weights are new.
            assertThat(guard.downloads()).isEqualTo(3);

            fixture.approver.rollback("dg-rollback", "drawdown beyond limit");
            DeploymentSnapshot rolledBack = changes.poll(10, TimeUnit.SECONDS);

            assertThat(rolledBack).isNotNull();
            assertThat(rolledBack.revision()).isEqualTo(3);
            assertThat(rolledBack.production().modelId()).isEqualTo(v1);
            assertThat(guard.pick("any").modelId()).isEqualTo(v1);
            assertThat(guard.downloads()).isEqualTo(3);
            assertThat(guard.highestAcceptedRevision()).isEqualTo(3);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private DeployGuard guard(String model, String pinnedKeyPem, Clock clock) {
        return DeployGuard.builder().registry(fixture.registrant).model(model).pinnedKey(pinnedKeyPem)
                .cacheDirectory(local.resolve("cache")).stateFile(stateFile(model)).clock(clock)
                .retryDelay(Duration.ofMillis(200)).build();
    }

    private Path stateFile(String model) {
        return local.resolve("state").resolve(model + ".json");
    }

    static Map<String, byte[]> artifacts(String label) {
        return Map.of("weights.bin", ("weights of " + label).getBytes(StandardCharsets.UTF_8),
                "config/model.json", "{\"layers\":4}".getBytes(StandardCharsets.UTF_8));
    }

    private static DeployRefusedException refusal(DeployGuard guard) {
        DeployRefusedException refused = catchThrowableOfType(DeployRefusedException.class, guard::load);
        assertThat(refused).as("load() must be refused").isNotNull();
        return refused;
    }

    /** The registry's own file of a blob: {@code <data-dir>/artifacts/blobs/ab/cd/abcd…}. */
    private static Path blobFile(String sha256) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("artifacts").resolve("blobs"))) {
            return files.filter(p -> p.getFileName().toString().equals(sha256)).findFirst()
                    .orElseThrow(() -> new AssertionError("no blob " + sha256 + " in " + server.blobStore().describe()));
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static OffsetClock offsetClock(Duration offset) {
        OffsetClock clock = new OffsetClock();
        clock.offset = offset;
        return clock;
    }

    /** The system clock plus an offset the test moves. */
    static final class OffsetClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
