package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.acl.ApproverStore;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.artifact.ArtifactStore;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelStore;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import dev.modelregistry.server.model.VersionStatus;
import dev.modelregistry.server.ownership.Health;
import dev.modelregistry.server.ownership.HealthStore;
import dev.modelregistry.server.ownership.ModelHealth;
import dev.modelregistry.server.team.TeamStore;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Promotion, rollback and the signed view of a model's deployment. Each change runs in one transaction that holds
 * the model's row lock, checks every gate, moves version states (the partial unique indexes make "one production,
 * one canary" a database fact), bumps the revision, records the history and the audit entry, and announces the
 * change to watchers once committed.
 */
public final class DeploymentService {
    /** The change-feed channel on which deployment changes are announced to watchers. */
    public static final String CHANGE_CHANNEL = "modelreg_deployments";

    private final Database database;
    private final DeploymentStore deployments;
    private final PromotionGates gates;
    private final ModelStore models;
    private final VersionAccess versions;
    private final ApproverStore approvers;
    private final TeamStore teams;
    private final ArtifactStore artifacts;
    private final ManifestSigner signer;
    private final ChangeFeed changes;
    private final AuditLog audit;
    private final HealthStore health;
    private final Clock clock;

    public DeploymentService(Database database, DeploymentStore deployments, PromotionGates gates, ModelStore models,
                             VersionAccess versions, ApproverStore approvers, TeamStore teams, ArtifactStore artifacts,
                             ManifestSigner signer, ChangeFeed changes, AuditLog audit, HealthStore health,
                             Clock clock) {
        this.database = database;
        this.deployments = deployments;
        this.gates = gates;
        this.models = models;
        this.versions = versions;
        this.approvers = approvers;
        this.teams = teams;
        this.artifacts = artifacts;
        this.signer = signer;
        this.changes = changes;
        this.audit = audit;
        this.health = health;
        this.clock = clock;
    }

    /**
     * A model's split with its freshly signed manifest and the model's health: under deprecation pressure the
     * answer carries a {@code deprecation} object (and the route adds the Deprecation and Sunset headers).
     */
    public record View(DeploymentState state, DsseEnvelope manifest, ModelHealth health) {
        public ObjectNode toJson() {
            ObjectNode json = state.toJson();
            json.set("manifest", manifest.toJson());
            if (health.state() != Health.OK) {
                json.set("deprecation", health.toJson());
            }
            return json;
        }
    }

    public View view(String modelName) {
        return database.withHandle(handle -> {
            Model model = requireModel(handle, modelName);
            return sign(handle, deployments.current(handle, model.id(), modelName));
        });
    }

    /** The revision only: what a watcher compares before it waits. */
    public long revision(String modelName) {
        return database.withHandle(handle -> {
            Model model = requireModel(handle, modelName);
            return deployments.current(handle, model.id(), modelName).revision();
        });
    }

    public List<DeploymentStore.HistoryEntry> history(String modelName, long afterRevision, int limit) {
        return database.withHandle(handle ->
                deployments.history(handle, requireModel(handle, modelName).id(), afterRevision, limit));
    }

    public ChangeFeed.Subscription subscribe(String modelName) {
        return changes.subscribe(modelName);
    }

    public View promote(Caller caller, String modelName, String versionId, String approver, int canaryPct) {
        return database.inTransaction(handle -> {
            Model model = requireModel(handle, modelName);
            deployments.lockModel(handle, model.id());
            Version version = versions.require(handle, modelName, versionId);
            gates.check(handle, caller, approver, model, version);
            DeploymentState before = deployments.current(handle, model.id(), modelName);
            if (canaryPct < 100) {
                startCanary(handle, before, version, canaryPct);
            } else {
                makeProduction(handle, before, version);
            }
            return commitChange(handle, caller, before, "promote", "deployment.promoted", null);
        });
    }

    public View rollback(Caller caller, String modelName, String reason) {
        return database.inTransaction(handle -> {
            Model model = requireModel(handle, modelName);
            deployments.lockModel(handle, model.id());
            if (!caller.admin() && !approvers.isApprover(handle, caller.principalId())
                    && !teams.isMember(handle, model.ownerTeamId(), caller.principalId())) {
                throw new RegistryException(ErrorCode.ROLLBACK_FORBIDDEN,
                        caller.name() + " is neither an approver nor a member of " + model.owner());
            }
            DeploymentState before = deployments.current(handle, model.id(), modelName);
            if (before.canary().isPresent()) {
                deployments.setStatus(handle, before.canary().get().versionDbId(), VersionStatus.ROLLED_BACK);
                saveSplit(handle, before, before.production(), Optional.empty());
            } else if (before.production().isPresent()) {
                DeploymentState.Slot faulty = before.production().get();
                DeploymentState.Slot previous = deployments.previousProduction(handle, model.id(), faulty.versionDbId())
                        .orElseThrow(() -> new RegistryException(ErrorCode.NOTHING_TO_ROLL_BACK,
                                faulty.modelId() + " is the only production " + modelName + " ever had"));
                deployments.setStatus(handle, faulty.versionDbId(), VersionStatus.ROLLED_BACK);
                deployments.setStatus(handle, previous.versionDbId(), VersionStatus.PRODUCTION);
                saveSplit(handle, before, Optional.of(previous), Optional.empty());
            } else {
                throw new RegistryException(ErrorCode.NOTHING_TO_ROLL_BACK, modelName + " has never been deployed");
            }
            return commitChange(handle, caller, before, "rollback", "deployment.rolled_back", reason);
        });
    }

    /** canary_pct 1–99: the version takes that share next to the current production. */
    private void startCanary(Handle handle, DeploymentState before, Version version, int pct) {
        if (before.production().isEmpty()) {
            throw new RegistryException(ErrorCode.NO_PRODUCTION,
                    before.model() + " has no production version for a canary to split traffic with");
        }
        boolean adjusting = before.canary().map(c -> c.versionDbId() == version.id()).orElse(false);
        if (before.canary().isPresent() && !adjusting) {
            throw new RegistryException(ErrorCode.CANARY_RUNNING,
                    before.canary().get().modelId() + " is already the canary of " + before.model());
        }
        if (!adjusting && version.status() != VersionStatus.CANDIDATE) {
            throw invalidTransition(version, "canary");
        }
        deployments.setStatus(handle, version.id(), VersionStatus.CANARY);
        saveSplit(handle, before, before.production(),
                Optional.of(new DeploymentState.Slot(version.id(), version.modelId(), version.lineageHash(), pct)));
    }

    /** canary_pct 100: the canary, or a candidate while no canary runs, becomes production; the old one retires. */
    private void makeProduction(Handle handle, DeploymentState before, Version version) {
        boolean isCanary = before.canary().map(c -> c.versionDbId() == version.id()).orElse(false);
        if (!isCanary) {
            if (version.status() != VersionStatus.CANDIDATE) {
                throw invalidTransition(version, "production");
            }
            if (before.canary().isPresent()) {
                throw new RegistryException(ErrorCode.CANARY_RUNNING, before.canary().get().modelId()
                        + " is the canary of " + before.model() + "; promote or roll it back first");
            }
        }
        // Retire first: the partial unique index allows only one production at any moment.
        before.production().ifPresent(old -> deployments.setStatus(handle, old.versionDbId(), VersionStatus.RETIRED));
        deployments.setStatus(handle, version.id(), VersionStatus.PRODUCTION);
        saveSplit(handle, before,
                Optional.of(new DeploymentState.Slot(version.id(), version.modelId(), version.lineageHash(), 100)),
                Optional.empty());
    }

    private void saveSplit(Handle handle, DeploymentState before, Optional<DeploymentState.Slot> production,
                           Optional<DeploymentState.Slot> canary) {
        deployments.save(handle, before, production.map(DeploymentState.Slot::versionDbId),
                canary.map(DeploymentState.Slot::versionDbId), canary.map(DeploymentState.Slot::pct),
                Times.truncate(clock.instant()));
    }

    private View commitChange(Handle handle, Caller caller, DeploymentState before, String action, String auditAction,
                              String reason) {
        DeploymentState after = deployments.current(handle, before.modelDbId(), before.model());
        deployments.recordHistory(handle, after, action, caller.name(), reason);
        ObjectNode detail = after.toJson();
        if (reason != null) {
            detail.put("reason", reason);
        }
        audit.append(handle, caller, AuditLog.modelChain(before.model()), auditAction, "deployment:" + before.model(),
                before.toJson(), detail);
        changes.announce(handle, before.model());
        return sign(handle, after);
    }

    private View sign(Handle handle, DeploymentState state) {
        Map<Long, List<Artifact>> byVersion = new HashMap<>();
        state.production().ifPresent(s -> byVersion.put(s.versionDbId(), artifacts.list(handle, s.versionDbId())));
        state.canary().ifPresent(s -> byVersion.put(s.versionDbId(), artifacts.list(handle, s.versionDbId())));
        ModelHealth modelHealth = health.of(handle, state.modelDbId(), clock.instant()).orElseThrow();
        return new View(state, signer.sign(state, byVersion), modelHealth);
    }

    private Model requireModel(Handle handle, String name) {
        return models.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("model " + name));
    }

    private static RegistryException invalidTransition(Version version, String target) {
        return new RegistryException(ErrorCode.INVALID_TRANSITION,
                version.modelId() + " is " + version.status().wire() + " and cannot become " + target);
    }
}
