package dev.modelregistry.server.deployment;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionRef;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import dev.modelregistry.server.model.VersionStatus;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.Optional;

/**
 * Promotion and rollback. Each change runs in one transaction that holds the model's row lock, checks every gate,
 * moves version states (the partial unique indexes make "one production, one canary" a database fact), bumps the
 * revision, records the history and the audit entry, and announces the change to watchers once committed.
 */
public final class PromotionService {
    private final Database database;
    private final DeploymentStore deployments;
    private final PromotionGates gates;
    private final ModelService models;
    private final VersionAccess versions;
    private final DeploymentViews views;
    private final AuditLog audit;
    private final Clock clock;

    public PromotionService(Database database, DeploymentStore deployments, PromotionGates gates, ModelService models,
                            VersionAccess versions, DeploymentViews views, AuditLog audit, Clock clock) {
        this.database = database;
        this.deployments = deployments;
        this.gates = gates;
        this.models = models;
        this.versions = versions;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every gate a promotion of the version by {@code caller} naming {@code approver} would meet or not. */
    public PromotionReadiness readiness(Caller caller, ModelName modelName, VersionRef ref, String approver) {
        return database.withHandle(handle -> {
            Model model = models.requireModel(handle, modelName);
            Version version = versions.require(handle, modelName, ref);
            return new PromotionReadiness(version.modelId(), approver,
                    gates.checklist(handle, caller, approver, model, version));
        });
    }

    /** Whether {@code caller} may roll the model back (an approver, the owning team or an admin); changes nothing. */
    public boolean mayRollBack(Caller caller, ModelName modelName) {
        return database.withHandle(handle -> {
            Model model = models.requireModel(handle, modelName);
            try {
                gates.checkRollback(handle, caller, model);
                return true;
            } catch (RegistryException refused) {
                return false;
            }
        });
    }

    /**
     * Promotes the version {@code ref} names. An alias is resolved only once the model's lock is held, so
     * {@code xsmom@canary} is the canary no concurrent promotion or rollback can replace before this one commits.
     */
    public DeploymentView promote(Caller caller, ModelName modelName, VersionRef ref, String approver, int canaryPct) {
        return database.inTransaction(handle -> {
            Model model = models.requireModel(handle, modelName);
            models.lockForChange(handle, model);
            Version version = versions.require(handle, modelName, ref);
            gates.checkPromotion(handle, caller, approver, model, version);
            DeploymentState before = deployments.current(handle, model.rowId(), modelName);
            if (canaryPct < 100) {
                startCanary(handle, before, version, canaryPct);
            } else {
                makeProduction(handle, before, version);
            }
            return commitChange(handle, caller, model, before, "promote", null);
        });
    }

    public DeploymentView rollback(Caller caller, ModelName modelName, String reason) {
        return database.inTransaction(handle -> {
            Model model = models.requireModel(handle, modelName);
            models.lockForChange(handle, model);
            gates.checkRollback(handle, caller, model);
            DeploymentState before = deployments.current(handle, model.rowId(), modelName);
            if (before.canary().isPresent()) {
                versions.setStatus(handle, before.canary().get().versionRowId(), VersionStatus.ROLLED_BACK);
                saveSplit(handle, before, before.production(), Optional.empty());
            } else if (before.production().isPresent()) {
                DeploymentState.Slot faulty = before.production().get();
                DeploymentState.Slot previous = deployments.previousProduction(handle, model.rowId(), faulty.versionRowId())
                        .orElseThrow(() -> new RegistryException(ErrorCode.NOTHING_TO_ROLL_BACK,
                                faulty.modelId() + " is the only production " + modelName + " ever had"));
                versions.setStatus(handle, faulty.versionRowId(), VersionStatus.ROLLED_BACK);
                versions.setStatus(handle, previous.versionRowId(), VersionStatus.PRODUCTION);
                saveSplit(handle, before, Optional.of(previous), Optional.empty());
            } else {
                throw new RegistryException(ErrorCode.NOTHING_TO_ROLL_BACK, modelName + " has never been deployed");
            }
            return commitChange(handle, caller, model, before, "rollback", reason);
        });
    }

    /** canary_pct 1–99: the version takes that share next to the current production. */
    private void startCanary(Handle handle, DeploymentState before, Version version, int pct) {
        if (before.production().isEmpty()) {
            throw new RegistryException(ErrorCode.NO_PRODUCTION,
                    before.model() + " has no production version for a canary to split traffic with");
        }
        boolean adjusting = before.canary().map(c -> c.versionRowId() == version.rowId()).orElse(false);
        if (before.canary().isPresent() && !adjusting) {
            throw new RegistryException(ErrorCode.CANARY_RUNNING,
                    before.canary().get().modelId() + " is already the canary of " + before.model());
        }
        if (!adjusting && version.status() != VersionStatus.CANDIDATE) {
            throw invalidTransition(version, "canary");
        }
        versions.setStatus(handle, version.rowId(), VersionStatus.CANARY);
        saveSplit(handle, before, before.production(), Optional.of(slot(version, pct)));
    }

    /** canary_pct 100: the canary, or a candidate while no canary runs, becomes production; the old one retires. */
    private void makeProduction(Handle handle, DeploymentState before, Version version) {
        boolean isCanary = before.canary().map(c -> c.versionRowId() == version.rowId()).orElse(false);
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
        before.production().ifPresent(old -> versions.setStatus(handle, old.versionRowId(), VersionStatus.RETIRED));
        versions.setStatus(handle, version.rowId(), VersionStatus.PRODUCTION);
        saveSplit(handle, before, Optional.of(slot(version, 100)), Optional.empty());
    }

    private static DeploymentState.Slot slot(Version version, int pct) {
        return new DeploymentState.Slot(version.rowId(), version.modelId(), version.lineageHash(), pct);
    }

    private void saveSplit(Handle handle, DeploymentState before, Optional<DeploymentState.Slot> production,
                           Optional<DeploymentState.Slot> canary) {
        deployments.save(handle, before, production, canary, Times.truncate(clock.instant()));
    }

    private DeploymentView commitChange(Handle handle, Caller caller, Model model, DeploymentState before,
                                        String action, String reason) {
        DeploymentState after = deployments.current(handle, before.modelRowId(), before.model());
        deployments.recordHistory(handle, after, action, caller.name(), reason);
        String auditAction = action.equals("rollback") ? "deployment.rolled_back" : "deployment.promoted";
        audit.append(handle, caller, new AuditEvent(AuditLog.modelChain(before.model()), auditAction,
                "deployment:" + before.model(), before, new DeploymentChange(after, reason)));
        views.announce(handle, before.model());
        return views.sign(handle, model, after);
    }

    private static RegistryException invalidTransition(Version version, String target) {
        return new RegistryException(ErrorCode.INVALID_TRANSITION,
                version.modelId() + " is " + version.status().wire() + " and cannot become " + target);
    }
}
