package dev.modelregistry.server.deployment;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.acl.ApproverStore;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.ownership.Health;
import dev.modelregistry.server.ownership.HealthStore;
import dev.modelregistry.server.ownership.ModelHealth;
import org.jdbi.v3.core.Handle;

import java.time.Clock;

import java.util.List;
import java.util.Optional;

/**
 * The rules a promotion must pass, in the order SPEC lists them; the first unmet rule is the refusal, each with its
 * own problem type. The split itself (canary vs production) is checked by {@link DeploymentService}.
 */
public final class PromotionGates {
    private final DeploymentStore deployments;
    private final ApproverStore approvers;
    private final HealthStore health;
    private final Clock clock;

    public PromotionGates(DeploymentStore deployments, ApproverStore approvers, HealthStore health, Clock clock) {
        this.deployments = deployments;
        this.approvers = approvers;
        this.health = health;
        this.clock = clock;
    }

    public void check(Handle handle, Caller caller, String approver, Model model, Version version) {
        fourEyes(handle, caller, approver, version);
        evaluation(handle, version);
        ownership(handle, model);
        readiness(handle, version);
    }

    /** 1. An approver in the ACL, naming themself, who did not register the version. */
    private void fourEyes(Handle handle, Caller caller, String approver, Version version) {
        if (!approvers.isApprover(handle, caller.principalId())) {
            throw new RegistryException(ErrorCode.NOT_APPROVER, caller.name() + " is not in the approver ACL");
        }
        if (!caller.name().equals(approver)) {
            throw new RegistryException(ErrorCode.APPROVER_MISMATCH,
                    "the request names " + approver + " as approver but was sent by " + caller.name());
        }
        if (version.registeredBy().equals(caller.name())) {
            throw new RegistryException(ErrorCode.FOUR_EYES,
                    caller.name() + " registered " + version.modelId() + " and cannot also approve it");
        }
    }

    /** 2. A verified report bound to the lineage hash with verdict pass; the named one if the version named one. */
    private void evaluation(Handle handle, Version version) {
        List<DeploymentStore.ReportVerdict> reports = deployments.verdicts(handle, version.id(), version.lineageHash());
        Optional<String> named = Optional.ofNullable(version.evaluation()).map(Version.Evaluation::reportId);
        if (named.isPresent()) {
            DeploymentStore.ReportVerdict report = reports.stream().filter(r -> r.reportId().equals(named.get()))
                    .findFirst()
                    .orElseThrow(() -> new RegistryException(ErrorCode.EVALUATION_MISSING, version.modelId()
                            + " names report " + named.get() + ", and no verified report of that id is bound to it"));
            if (!report.passed()) {
                throw new RegistryException(ErrorCode.EVALUATION_FAILED, "report " + named.get() + " did not pass");
            }
            return;
        }
        if (reports.isEmpty()) {
            throw new RegistryException(ErrorCode.EVALUATION_MISSING,
                    "no verified evaluation report is bound to lineage hash " + version.lineageHash());
        }
        if (reports.stream().noneMatch(DeploymentStore.ReportVerdict::passed)) {
            throw new RegistryException(ErrorCode.EVALUATION_FAILED,
                    "every evaluation report of " + version.modelId() + " failed");
        }
    }

    /** 3. Someone is accountable for the model, and it is not past its expiry. */
    private void ownership(Handle handle, Model model) {
        ModelHealth now = health.of(handle, model.id(), clock.instant()).orElseThrow();
        if (now.state() == Health.ORPHAN) {
            throw new RegistryException(ErrorCode.MODEL_ORPHANED, model.name() + " is an orphan (" + now.reason()
                    + "); an admin must reassign it");
        }
        if (now.state() == Health.EXPIRED) {
            throw new RegistryException(ErrorCode.MODEL_EXPIRED, model.name() + " expired at " + now.since()
                    + " (" + now.reason() + "); register a new version first");
        }
    }

    /** 4. Sealed, and for an ensemble no rejected child. */
    private void readiness(Handle handle, Version version) {
        if (version.readyAt() == null) {
            throw new RegistryException(ErrorCode.VERSION_NOT_SEALED, version.modelId() + " is not sealed");
        }
        List<String> rejected = deployments.rejectedChildren(handle, version.id());
        if (!rejected.isEmpty()) {
            throw new RegistryException(ErrorCode.ENSEMBLE_CHILD_REJECTED,
                    version.modelId() + " consumes rejected versions: " + String.join(", ", rejected));
        }
    }
}
