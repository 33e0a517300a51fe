package dev.modelregistry.client.deploy;

import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.client.deploy.FakeDeployRegistry.Version;
import dev.modelregistry.core.dsse.Ed25519Pem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.modelregistry.client.deploy.FakeDeployRegistry.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeployGuardTest {
    private static final Version V1 = FakeDeployRegistry.version(MODEL + "@2026.05.01-r1",
            Map.of("weights/model.bin", bytes("weights of r1"), "config.json", bytes("{\"layers\":4}")));
    private static final Version V2 = FakeDeployRegistry.version(MODEL + "@2026.05.02-r1",
            Map.of("weights/model.bin", bytes("weights of r2"), "config.json", bytes("{\"layers\":4}")));

    @TempDir
    Path dir;

    private FakeDeployRegistry registry;
    private RegistryClient client;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws Exception {
        registry = new FakeDeployRegistry();
        client = new RegistryClient(registry.uri(), "token");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void loadsTheProductionVersionWithItsArtifactsVerifiedInTheCache() throws Exception {
        registry.deploy(V1, null, 0);
        try (DeployGuard guard = guard()) {
            DeploymentSnapshot snapshot = guard.load();

            assertThat(snapshot.revision()).isEqualTo(1);
            assertThat(snapshot.canary()).isEmpty();
            LoadedVersion loaded = guard.pick("account-1");
            assertThat(loaded.modelId()).isEqualTo(V1.modelId());
            assertThat(loaded.lineageHash()).isEqualTo(V1.lineageHash());
            assertThat(loaded.role()).isEqualTo(Manifest.Role.PRODUCTION);
            assertThat(Files.readString(loaded.artifact("weights/model.bin"))).isEqualTo("weights of r1");
            assertThat(loaded.artifact("weights/model.bin"))
                    .startsWith(dir.resolve("cache").toAbsolutePath()).endsWith(Path.of(
                            FakeDeployRegistry.sha256Hex(bytes("weights of r1"))));
            assertThat(guard.highestAcceptedRevision()).isEqualTo(1);
            assertThat(Files.readString(stateFile())).contains("\"revision\":1");
        }
    }

    @Test
    void refusesAManifestSignedByAnotherKey() {
        registry.deploy(V1, null, 0);
        registry.signWith(Ed25519Pem.generate());
        try (DeployGuard guard = guard()) {
            assertRefused(guard, Reason.WRONG_KEY);
            assertNothingLoaded(guard);
            assertThat(registry.artifactRequests()).isZero();
        }
    }

    @Test
    void refusesAnEnvelopeOfAnotherPayloadTypeEvenWhenSignedByThePinnedKey() {
        registry.deploy(V1, null, 0);
        registry.payloadType("application/vnd.in-toto+json");
        try (DeployGuard guard = guard()) {
            assertRefused(guard, Reason.UNSIGNED);
            assertNothingLoaded(guard);
        }
    }

    @Test
    void refusesAManifestOfAnotherModel() {
        registry.deploy(V1, null, 0);
        registry.manifestModel("momentum");
        try (DeployGuard guard = guard()) {
            assertRefused(guard, Reason.MODEL_MISMATCH);
            assertNothingLoaded(guard);
        }
    }

    @Test
    void refusesAnExpiredManifest() {
        registry.deploy(V1, null, 0);
        registry.ttl(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));
        try (DeployGuard guard = guard()) {
            assertRefused(guard, Reason.EXPIRED);
            assertNothingLoaded(guard);
        }
    }

    @Test
    void acceptsAManifestJustPastExpiryWithinTheClockSkewAllowance() {
        registry.deploy(V1, null, 0);
        registry.ttl(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(70));
        try (DeployGuard guard = guard()) {
            assertThat(guard.load().revision()).isEqualTo(1);
        }
    }

    @Test
    void refusesARevisionBelowTheHighestEverAcceptedEvenAfterARestart() {
        registry.deploy(V1, null, 0);
        registry.deploy(V2, null, 0);
        try (DeployGuard guard = guard()) {
            assertThat(guard.load().revision()).isEqualTo(2);
        }
        registry.setRevision(1);
        try (DeployGuard restarted = guard()) {
            DeployRefusedException refused = assertRefused(restarted, Reason.REVISION_WENT_BACKWARDS);
            assertThat(refused).hasMessageContaining("revision 1").hasMessageContaining("revision 2");
            assertThat(restarted.current()).isEmpty();
            assertThat(restarted.highestAcceptedRevision()).isEqualTo(2);
        }
    }

    @Test
    void anUnpromotedModelIsNotDeployed() {
        try (DeployGuard guard = guard()) {
            assertRefused(guard, Reason.NOT_DEPLOYED);
            assertNothingLoaded(guard);
            assertThat(catchThrowableOfType(DeployRefusedException.class, () -> guard.pick("k")).reason())
                    .isEqualTo(Reason.NOT_DEPLOYED);
        }
    }

    @Test
    void anUnregisteredModelIsNotDeployed() {
        try (DeployGuard guard = DeployGuard.builder().registry(client).model("unknown")
                .pinnedKey(registry.publicKeyPem()).cacheDirectory(dir.resolve("cache"))
                .stateFile(dir.resolve("unknown.json")).build()) {
            assertRefused(guard, Reason.NOT_DEPLOYED);
        }
    }

    @Test
    void refusesAlteredArtifactBytesAndKeepsServingThePreviousVersion() throws Exception {
        registry.deploy(V1, null, 0);
        try (DeployGuard guard = guard()) {
            guard.load();
            registry.deploy(V2, null, 0);
            registry.serve(V2.modelId(), "weights/model.bin", bytes("weights of rX"));

            DeployRefusedException refused = assertRefused(guard, Reason.ARTIFACT_TAMPERED);

            assertThat(refused).hasMessageContaining("weights/model.bin").hasMessageContaining("sha256");
            assertThat(guard.pick("any").modelId()).isEqualTo(V1.modelId());
            assertThat(guard.current().orElseThrow().revision()).isEqualTo(1);
            assertThat(guard.highestAcceptedRevision()).isEqualTo(1);
            assertThat(Files.readString(stateFile())).contains("\"revision\":1");
            assertThat(cachedBlobs()).doesNotContain(FakeDeployRegistry.sha256Hex(bytes("weights of rX")),
                    FakeDeployRegistry.sha256Hex(bytes("weights of r2")));
            assertThat(Files.list(dir.resolve("cache/tmp")).toList()).isEmpty();
        }
    }

    @Test
    void refusesAnArtifactLongerOrShorterThanTheManifestSays() {
        registry.deploy(V1, null, 0);
        registry.serve(V1.modelId(), "config.json", bytes("{\"layers\":4} and then some more bytes"));
        try (DeployGuard guard = guard()) {
            assertThat(assertRefused(guard, Reason.ARTIFACT_TAMPERED)).hasMessageContaining("more than");
            registry.serve(V1.modelId(), "config.json", bytes("{}"));
            assertThat(assertRefused(guard, Reason.ARTIFACT_TAMPERED)).hasMessageContaining("received 2 bytes");
            assertNothingLoaded(guard);
        }
    }

    @Test
    void aCachedFileAlteredOnDiskIsNotTrustedButFetchedAgain() throws Exception {
        registry.deploy(V1, null, 0);
        Path weights;
        try (DeployGuard guard = guard()) {
            weights = guard.load().production().artifact("weights/model.bin");
        }
        Files.writeString(weights, "weights of rX");
        try (DeployGuard restarted = guard()) {
            restarted.load();
            assertThat(restarted.downloads()).isEqualTo(1);
            assertThat(Files.readString(restarted.pick("k").artifact("weights/model.bin"))).isEqualTo("weights of r1");
        }
    }

    @Test
    void theRoutingBucketIsTheFirstFourBytesOfSha256Mod100() {
        // sha256("abc") starts with ba7816bf = 3128432319.
        assertThat(Routing.bucket("abc")).isEqualTo(19);
    }

    @Test
    void aCanarySharePicksTheCanaryForThatShareOfKeysAndAlwaysTheSameForOneKey() {
        registry.deploy(V1, null, 0);
        registry.deploy(V1, V2, 20);
        try (DeployGuard guard = guard()) {
            DeploymentSnapshot snapshot = guard.load();
            assertThat(snapshot.canaryPct()).isEqualTo(20);
            assertThat(snapshot.production().pct()).isEqualTo(80);

            int canary = 0;
            for (int i = 0; i < 10_000; i++) {
                String key = "account-" + i;
                LoadedVersion picked = guard.pick(key);
                assertThat(picked.modelId()).isEqualTo(Routing.bucket(key) < 20 ? V2.modelId() : V1.modelId());
                canary += picked.role() == Manifest.Role.CANARY ? 1 : 0;
            }
            assertThat(canary).isBetween(1_800, 2_200);
            for (int i = 0; i < 100; i++) {
                assertThat(guard.pick("account-42").modelId()).isEqualTo(guard.pick("account-42").modelId());
            }
        }
    }

    @Test
    void pickFailsClosedOnceTheManifestHasExpired() {
        registry.deploy(V1, null, 0);
        registry.ttl(Duration.ofMinutes(5));
        try (DeployGuard guard = guard()) {
            guard.load();
            clock.advance(Duration.ofMinutes(6));
            assertThat(catchThrowableOfType(DeployRefusedException.class, () -> guard.pick("k")).reason())
                    .isEqualTo(Reason.EXPIRED);
        }
    }

    @Test
    void theWatchSwitchesToANewRevisionAndBackOnRollbackWithoutDownloadingAgain() throws Exception {
        registry.deploy(V1, null, 0);
        try (DeployGuard guard = guard()) {
            BlockingQueue<DeploymentSnapshot> changes = new LinkedBlockingQueue<>();
            guard.onChange(changes::add);
            guard.load();
            changes.clear();
            guard.watch();
            assertThat(guard.downloads()).isEqualTo(2);

            registry.deploy(V2, null, 0);
            DeploymentSnapshot promoted = changes.poll(10, TimeUnit.SECONDS);
            assertThat(promoted).isNotNull();
            assertThat(promoted.production().modelId()).isEqualTo(V2.modelId());
            assertThat(guard.pick("k").modelId()).isEqualTo(V2.modelId());
            // config.json has the same bytes in both versions: one new download only.
            assertThat(guard.downloads()).isEqualTo(3);
            int requestsBeforeRollback = registry.artifactRequests();

            registry.deploy(V1, null, 0);
            DeploymentSnapshot rolledBack = changes.poll(10, TimeUnit.SECONDS);
            assertThat(rolledBack).isNotNull();
            assertThat(rolledBack.revision()).isEqualTo(3);
            assertThat(guard.pick("k").modelId()).isEqualTo(V1.modelId());
            assertThat(guard.downloads()).isEqualTo(3);
            assertThat(registry.artifactRequests()).isEqualTo(requestsBeforeRollback);
        }
    }

    @Test
    void theWatchReportsARefusedRevisionAndKeepsServingTheCurrentOne() throws Exception {
        registry.deploy(V1, null, 0);
        try (DeployGuard guard = guard()) {
            BlockingQueue<DeployRefusedException> errors = new LinkedBlockingQueue<>();
            guard.onError(errors::add);
            guard.load();
            guard.watch();

            registry.serve(V2.modelId(), "weights/model.bin", bytes("weights of rX"));
            registry.deploy(V2, null, 0);

            DeployRefusedException refused = errors.poll(10, TimeUnit.SECONDS);
            assertThat(refused).isNotNull();
            assertThat(refused.reason()).isEqualTo(Reason.ARTIFACT_TAMPERED);
            assertThat(guard.pick("k").modelId()).isEqualTo(V1.modelId());
            assertThat(guard.highestAcceptedRevision()).isEqualTo(1);
        }
    }

    @Test
    void afterARefusedRevisionTheWatchTakesTheNextOneAtOnce() throws Exception {
        registry.deploy(V1, null, 0);
        try (DeployGuard guard = DeployGuard.builder().registry(client).model(MODEL)
                .pinnedKey(registry.publicKeyPem()).cacheDirectory(dir.resolve("cache")).stateFile(stateFile())
                .retryDelay(Duration.ofSeconds(20)).build()) {
            BlockingQueue<DeployRefusedException> errors = new LinkedBlockingQueue<>();
            BlockingQueue<DeploymentSnapshot> changes = new LinkedBlockingQueue<>();
            guard.onError(errors::add).onChange(changes::add);
            guard.load();
            changes.clear();
            guard.watch();
            registry.serve(V2.modelId(), "weights/model.bin", bytes("weights of rX"));
            registry.deploy(V2, null, 0);
            assertThat(errors.poll(10, TimeUnit.SECONDS)).isNotNull();

            // The rollback: revision 3, V1 again.
            registry.deploy(V1, null, 0);
            DeploymentSnapshot rolledBack = changes.poll(5, TimeUnit.SECONDS);

            assertThat(rolledBack).isNotNull();
            assertThat(rolledBack.revision()).isEqualTo(3);
            assertThat(guard.pick("k").modelId()).isEqualTo(V1.modelId());
        }
    }

    @Test
    void aGuardStartedBeforeTheFirstPromotionLoadsItWhenItHappens() throws Exception {
        try (DeployGuard guard = DeployGuard.builder().registry(client).model(MODEL)
                .pinnedKey(registry.publicKeyPem()).cacheDirectory(dir.resolve("cache")).stateFile(stateFile())
                .retryDelay(Duration.ofSeconds(20)).build()) {
            BlockingQueue<DeploymentSnapshot> changes = new LinkedBlockingQueue<>();
            guard.onChange(changes::add);
            guard.watch();
            Thread.sleep(300);

            registry.deploy(V1, null, 0);

            DeploymentSnapshot first = changes.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(guard.pick("k").modelId()).isEqualTo(V1.modelId());
        }
    }

    @Test
    void theWatchRefreshesTheManifestBeforeItExpires() throws Exception {
        registry.deploy(V1, null, 0);
        registry.ttl(Duration.ofSeconds(2));
        try (DeployGuard guard = DeployGuard.builder().registry(client).model(MODEL)
                .pinnedKey(registry.publicKeyPem()).cacheDirectory(dir.resolve("cache"))
                .stateFile(stateFile()).maxClockSkew(Duration.ZERO).build()) {
            guard.load();
            guard.watch();
            Thread.sleep(3_000);
            assertThat(guard.pick("k").modelId()).isEqualTo(V1.modelId());
            assertThat(guard.current().orElseThrow().expiresAt()).isAfter(java.time.Instant.now());
        }
    }

    @Test
    void anUnreachableRegistryIsRefusedAsUnreachable() {
        registry.close();
        try (DeployGuard guard = guard()) {
            assertRefused(guard, Reason.UNREACHABLE);
        }
    }

    @Test
    void aStateFileOfAnotherModelIsRefusedRatherThanIgnored() throws Exception {
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), "{\"model\":\"momentum\",\"revision\":7}");
        DeployRefusedException refused = catchThrowableOfType(DeployRefusedException.class, this::guard);
        assertThat(refused.reason()).isEqualTo(Reason.LOCAL_IO);
        assertThat(refused).hasMessageContaining("momentum");
    }

    @Test
    void aGuardNeedsAPinnedKey() {
        IllegalStateException refused = catchThrowableOfType(IllegalStateException.class, () ->
                DeployGuard.builder().registry(client).model(MODEL).cacheDirectory(dir).stateFile(stateFile()).build());
        assertThat(refused).hasMessageContaining("pinned");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private DeployGuard guard() {
        return DeployGuard.builder().registry(client).model(MODEL).pinnedKey(registry.publicKeyPem())
                .cacheDirectory(dir.resolve("cache")).stateFile(stateFile()).clock(clock)
                .retryDelay(Duration.ofMillis(100)).build();
    }

    private Path stateFile() {
        return dir.resolve("state/xsmom.json");
    }

    private static DeployRefusedException assertRefused(DeployGuard guard, Reason reason) {
        DeployRefusedException refused = catchThrowableOfType(DeployRefusedException.class, guard::load);
        assertThat(refused).as("load() must be refused").isNotNull();
        assertThat(refused.reason()).as(refused.getMessage()).isEqualTo(reason);
        return refused;
    }

    private void assertNothingLoaded(DeployGuard guard) {
        assertThat(guard.current()).isEmpty();
        assertThat(guard.highestAcceptedRevision()).isEqualTo(-1);
        assertThat(stateFile()).doesNotExist();
    }

    private List<String> cachedBlobs() throws Exception {
        try (var files = Files.list(dir.resolve("cache/blobs"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
