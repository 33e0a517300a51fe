package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.core.dsse.Ed25519Pem;

import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What a serving platform loads a model through. It takes nothing from the registry on trust: the deployment's
 * manifest must verify with a pinned registry key, be for this model, not be expired, not go back below the highest
 * revision ever accepted (remembered on disk across restarts), and name a production version; every artifact of
 * every version it names must match the manifest's size and SHA-256. Only then does the guard switch, atomically,
 * to the new {@link DeploymentSnapshot}; any refusal is a {@link DeployRefusedException} and leaves the previous
 * snapshot and the remembered revision as they were. Artifacts stay in a content-addressed cache, so switching
 * back to a version loaded before (a rollback) downloads nothing.
 *
 * <p>{@link #watch()} follows changes by long-polling; {@link #pick(String)} fails closed once the manifest has
 * expired and could not be refreshed.
 */
public final class DeployGuard implements AutoCloseable {
    private final RegistryClient registry;
    private final boolean ownsRegistry;
    private final String model;
    private final ManifestVerifier verifier;
    private final ArtifactCache cache;
    private final RevisionStore revisions;
    private final Clock clock;
    private final Duration maxClockSkew;
    private final DeploymentWatcher watcher;

    private final ReentrantLock loading = new ReentrantLock();
    private final AtomicReference<DeploymentSnapshot> current = new AtomicReference<>();
    private final List<Consumer<DeploymentSnapshot>> changeListeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    private DeployGuard(Builder builder) {
        this.registry = builder.registry;
        this.ownsRegistry = builder.ownsRegistry;
        this.model = builder.model;
        this.verifier = new ManifestVerifier(builder.model, builder.pinnedKeys);
        this.cache = new ArtifactCache(builder.cacheDirectory);
        this.revisions = new RevisionStore(builder.stateFile, builder.model);
        this.clock = builder.clock;
        this.maxClockSkew = builder.maxClockSkew;
        this.watcher = new DeploymentWatcher(this, builder.registry, builder.clock, builder.pollWait,
                builder.retryDelay);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String model() {
        return model;
    }

    /**
     * Fetches the deployment, verifies it and everything it names, caches the artifacts, and switches to it.
     *
     * @throws DeployRefusedException when any check fails; the previous snapshot stays in place
     */
    public DeploymentSnapshot load() {
        JsonNode deployment;
        try {
            deployment = registry.deployment(model);
        } catch (RuntimeException e) {
            throw RegistryFailures.translate(e, "fetching the deployment of " + model);
        }
        return switchTo(deployment);
    }

    /**
     * The version that serves {@code routingKey}: the canary when the key's stable bucket (0–99) is below the
     * canary's share, else production.
     *
     * @throws DeployRefusedException NOT_DEPLOYED before a successful load, EXPIRED once the manifest has expired
     *                                and could not be refreshed
     */
    public LoadedVersion pick(String routingKey) {
        return requireFresh().pick(routingKey);
    }

    /** The snapshot being served, if one was loaded (it may have expired: {@link #pick} checks that). */
    public Optional<DeploymentSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** The highest revision this guard (or an earlier one with the same state file) accepted; -1 for none. */
    public long highestAcceptedRevision() {
        return revisions.highest();
    }

    /** How many artifacts this guard downloaded (rather than found intact in its cache). */
    public long downloads() {
        return cache.downloads();
    }

    /** Called with the new snapshot after every switch to a new revision (on the loading thread). */
    public DeployGuard onChange(Consumer<DeploymentSnapshot> listener) {
        changeListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Called with every refusal or failure while watching; the current snapshot stays in place. */
    public DeployGuard onError(Consumer<DeployRefusedException> listener) {
        watcher.addErrorListener(Objects.requireNonNull(listener));
        return this;
    }

    /**
     * Starts following the deployment on a virtual thread: long-polls for a revision above the current one, and
     * refreshes the manifest well before it expires even when nothing changes. Each answer goes through the same
     * checks as {@link #load()}. Calling it again does nothing.
     */
    public synchronized void watch() {
        if (closed) {
            throw new IllegalStateException("the deploy guard of " + model + " is closed");
        }
        watcher.start();
    }

    /** Stops watching; the registry client is closed too when the guard created it. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        watcher.stop();
        if (ownsRegistry) {
            registry.close();
        }
    }

    // ---- verification ------------------------------------------------------------------------------------

    /** Every check, then the switch. Runs under {@link #loading}. */
    private DeploymentSnapshot accept(JsonNode deployment) {
        Manifest manifest = verifier.verify(deployment == null ? null : deployment.get("manifest"));
        Instant now = clock.instant();
        if (!now.isBefore(manifest.expiresAt().plus(maxClockSkew))) {
            throw new DeployRefusedException(Reason.EXPIRED, "the manifest of " + model + " revision "
                    + manifest.revision() + " expired at " + manifest.expiresAt() + " (now " + now
                    + ", clock skew allowed " + maxClockSkew.toSeconds() + " s)");
        }
        DeploymentSnapshot previous = current.get();
        long highest = Math.max(revisions.highest(), previous == null ? -1 : previous.revision());
        if (manifest.revision() < highest) {
            throw new DeployRefusedException(Reason.REVISION_WENT_BACKWARDS, "the manifest of " + model
                    + " has revision " + manifest.revision() + " but revision " + highest
                    + " was accepted before (a replayed manifest, or a registry restored from an older backup?)");
        }
        Manifest.Entry productionEntry = manifest.production().orElseThrow(() -> new DeployRefusedException(
                Reason.NOT_DEPLOYED, model + " has no production version at revision " + manifest.revision()
                + " (never promoted)"));
        LoadedVersion production = cached(productionEntry);
        Optional<LoadedVersion> canary = manifest.canary().map(this::cached);
        DeploymentSnapshot snapshot = new DeploymentSnapshot(model, manifest.revision(), manifest.issuedAt(),
                manifest.expiresAt(), production, canary);
        revisions.record(manifest.revision());
        current.set(snapshot);
        return snapshot;
    }

    private LoadedVersion cached(Manifest.Entry entry) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Manifest.ArtifactRef artifact : entry.artifacts()) {
            files.put(artifact.path(), cache.ensure(entry.modelId(), artifact,
                    (modelId, path) -> registry.openArtifact(model, modelId, path)));
        }
        return new LoadedVersion(entry.modelId(), entry.lineageHash(), entry.role(), entry.pct(), files);
    }

    private DeploymentSnapshot requireFresh() {
        DeploymentSnapshot snapshot = current.get();
        if (snapshot == null) {
            throw new DeployRefusedException(Reason.NOT_DEPLOYED, "nothing of " + model + " is loaded; load() first");
        }
        Instant now = clock.instant();
        if (!now.isBefore(snapshot.expiresAt().plus(maxClockSkew))) {
            throw new DeployRefusedException(Reason.EXPIRED, "the manifest of " + model + " revision "
                    + snapshot.revision() + " expired at " + snapshot.expiresAt()
                    + " and no fresh one could be verified; refusing to serve");
        }
        return snapshot;
    }

    private void announce(DeploymentSnapshot previous, DeploymentSnapshot loaded) {
        if (previous != null && previous.revision() == loaded.revision()) {
            return;
        }
        for (Consumer<DeploymentSnapshot> listener : changeListeners) {
            try {
                listener.accept(loaded);
            } catch (RuntimeException e) {
                // A listener's failure is its own; the switch has happened regardless.
            }
        }
    }

    /** The checks, the switch under the lock, and the announcement outside it; for the watcher's answers too. */
    DeploymentSnapshot switchTo(JsonNode deployment) {
        DeploymentSnapshot previous;
        DeploymentSnapshot loaded;
        loading.lock();
        try {
            previous = current.get();
            loaded = accept(deployment);
        } finally {
            loading.unlock();
        }
        announce(previous, loaded);
        return loaded;
    }

    /** Configures a {@link DeployGuard}; registry, model, at least one pinned key, cache and state file are required. */
    public static final class Builder {
        private RegistryClient registry;
        private boolean ownsRegistry;
        private String model;
        private final List<PublicKey> pinnedKeys = new ArrayList<>();
        private Path cacheDirectory;
        private Path stateFile;
        private Clock clock = Clock.systemUTC();
        private Duration maxClockSkew = Duration.ofSeconds(30);
        private Duration pollWait = Duration.ofSeconds(30);
        private Duration retryDelay = Duration.ofSeconds(1);

        private Builder() {
        }

        /** The registry to load from; the caller keeps ownership of the client. */
        public Builder registry(RegistryClient client) {
            this.registry = Objects.requireNonNull(client);
            this.ownsRegistry = false;
            return this;
        }

        /** The registry to load from; the guard creates the client and closes it with itself. */
        public Builder registry(URI baseUri, String token) {
            this.registry = new RegistryClient(baseUri, token);
            this.ownsRegistry = true;
            return this;
        }

        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** A registry public key (PEM {@code PUBLIC KEY}, as {@code GET /keys} lists them) to trust. */
        public Builder pinnedKey(String publicKeyPem) {
            return pinnedKey(Ed25519Pem.publicKey(publicKeyPem));
        }

        public Builder pinnedKey(PublicKey key) {
            pinnedKeys.add(Objects.requireNonNull(key));
            return this;
        }

        public Builder pinnedKeys(Collection<PublicKey> keys) {
            keys.forEach(this::pinnedKey);
            return this;
        }

        /** Where verified artifacts are kept ({@code blobs/<sha256>}); may be shared by guards of several models. */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** Where the highest accepted revision is remembered; one file per model. */
        public Builder stateFile(Path file) {
            this.stateFile = file;
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock);
            return this;
        }

        /** How far past {@code expires_at} a manifest is still accepted, for clocks that disagree a little. */
        public Builder maxClockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("the clock skew allowance must be 0 to 5 minutes");
            }
            this.maxClockSkew = skew;
            return this;
        }

        /** The longest a long-poll waits (the registry caps it at 60 s); the default is 30 s. */
        public Builder pollWait(Duration wait) {
            if (wait.isNegative() || wait.isZero() || wait.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("the poll wait must be more than 0 and at most 60 s");
            }
            this.pollWait = wait;
            return this;
        }

        /** The first pause after a failed watch attempt; it doubles up to the poll wait. */
        public Builder retryDelay(Duration delay) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("the retry delay must be positive");
            }
            this.retryDelay = delay;
            return this;
        }

        public DeployGuard build() {
            require(registry, "registry");
            require(model, "model");
            require(cacheDirectory, "cacheDirectory");
            require(stateFile, "stateFile");
            if (pinnedKeys.isEmpty()) {
                throw new IllegalStateException("a deploy guard needs at least one pinned registry public key");
            }
            return new DeployGuard(this);
        }

        private static void require(Object value, String what) {
            if (value == null) {
                throw new IllegalStateException("a deploy guard needs " + what);
            }
        }
    }
}
