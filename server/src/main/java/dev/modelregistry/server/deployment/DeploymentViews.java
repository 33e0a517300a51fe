package dev.modelregistry.server.deployment;

import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.metrics.DomainMetrics;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelService;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a serving platform reads: a model's deployment with a freshly signed manifest, its revision and history, and
 * the feed that tells watchers a deployment changed (announced inside the changing transaction, heard after commit).
 */
public final class DeploymentViews {
    /** The change-feed channel on which deployment changes are announced. */
    public static final String CHANGE_CHANNEL = "modelreg_deployments";

    private final Database database;
    private final DeploymentStore deployments;
    private final ModelService models;
    private final ArtifactService artifacts;
    private final ManifestSigner signer;
    private final ChangeFeed changes;
    private final DomainMetrics metrics;

    public DeploymentViews(Database database, DeploymentStore deployments, ModelService models,
                           ArtifactService artifacts, ManifestSigner signer, ChangeFeed changes,
                           DomainMetrics metrics) {
        this.database = database;
        this.deployments = deployments;
        this.models = models;
        this.artifacts = artifacts;
        this.signer = signer;
        this.changes = changes;
        this.metrics = metrics;
    }

    public DeploymentView view(ModelName modelName) {
        return database.withHandle(handle -> {
            Model model = models.requireModel(handle, modelName);
            return sign(handle, model, deployments.current(handle, model.rowId(), modelName));
        });
    }

    /** The current split of each model of a page (no manifest is signed): what the console's model list shows. */
    public Map<ModelName, DeploymentState> splits(List<ModelHealth> page) {
        Map<Long, ModelName> byRowId = new HashMap<>();
        page.forEach(model -> byRowId.put(model.modelRowId(), model.model()));
        return database.withHandle(handle -> deployments.current(handle, byRowId)).values().stream()
                .collect(Collectors.toMap(DeploymentState::model, state -> state));
    }

    /** The model's current split without a manifest: what a person reads, not what a loader verifies. */
    public DeploymentState state(ModelName modelName) {
        return database.withHandle(handle -> {
            Model model = models.requireModel(handle, modelName);
            return deployments.current(handle, model.rowId(), modelName);
        });
    }

    /** The revision only: what a watcher compares before it waits. */
    public long revision(ModelName modelName) {
        return database.withHandle(handle -> {
            Model model = models.requireModel(handle, modelName);
            return deployments.current(handle, model.rowId(), modelName).revision();
        });
    }

    public List<HistoryEntry> history(ModelName modelName, long afterRevision, int limit) {
        return database.withHandle(handle ->
                deployments.history(handle, models.requireModel(handle, modelName).rowId(), afterRevision, limit));
    }

    /**
     * Waits until the model's deployment revision is above {@code afterRevision}, at most {@code wait} (less when
     * the server is stopping), and returns the revision then: the long-poll of the API and of the console's live
     * deployment section.
     */
    public long awaitRevisionAfter(ModelName modelName, long afterRevision, Duration wait) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        try (ChangeFeed.Subscription changes = subscribe(modelName)) {
            long revision = revision(modelName);
            while (changes.open() && revision <= afterRevision) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                changes.awaitChange(left);
                revision = revision(modelName);
            }
            return revision;
        }
    }

    /** Every watcher (SSE stream, long-poll, live console page) subscribes here, so it is counted here. */
    public ChangeFeed.Subscription subscribe(ModelName modelName) {
        return new CountedSubscription(changes.subscribe(modelName.value()), metrics.watcherConnected());
    }

    private record CountedSubscription(ChangeFeed.Subscription feed, DomainMetrics.Watcher watcher)
            implements ChangeFeed.Subscription {
        @Override
        public boolean awaitChange(Duration timeout) throws InterruptedException {
            return feed.awaitChange(timeout);
        }

        @Override
        public boolean open() {
            return feed.open();
        }

        @Override
        public void close() {
            watcher.close();
            feed.close();
        }
    }

    /** Tells every watcher of the model, once the caller's transaction commits, that its deployment changed. */
    void announce(Handle handle, ModelName model) {
        changes.announce(handle, model.value());
    }

    /** The state with a manifest signed now over the artifacts of its versions, and the model's health. */
    DeploymentView sign(Handle handle, Model model, DeploymentState state) {
        Map<Long, List<Artifact>> byVersion = new HashMap<>();
        state.production().ifPresent(s -> byVersion.put(s.versionRowId(), artifacts.list(handle, s.versionRowId())));
        state.canary().ifPresent(s -> byVersion.put(s.versionRowId(), artifacts.list(handle, s.versionRowId())));
        return new DeploymentView(state, signer.sign(state, byVersion), models.health(handle, model));
    }
}
