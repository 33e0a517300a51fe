package dev.modelregistry.server.deployment;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.acl.AclService;
import dev.modelregistry.server.evaluation.EvaluationService;
import dev.modelregistry.server.evaluation.ReportVerdict;
import dev.modelregistry.server.model.Health;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import dev.modelregistry.server.team.TeamService;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may change a deployment, and the rules a promotion must pass, in the order SPEC lists them; the first unmet
 * rule is the refusal, each with its own problem type. The split itself (canary vs production) is checked by
 * {@link PromotionService}. Every fact comes from the feature that owns it.
 */
public final class PromotionGates {
    private final AclService acl;
    private final TeamService teams;
    private final EvaluationService evaluations;
    private final ModelService models;
    private final VersionAccess versions;

    public PromotionGates(AclService acl, TeamService teams, EvaluationService evaluations, ModelService models,
                          VersionAccess versions) {
        this.acl = acl;
        this.teams = teams;
        this.evaluations = evaluations;
        this.models = models;
        this.versions = versions;
    }

    public void checkPromotion(Handle handle, Caller caller, String approver, Model model, Version version) {
        fourEyes(handle, caller, approver, version);
        evaluation(handle, version);
        ownership(handle, model);
        readiness(handle, version);
    }

    /** Approvers, members of the owning team and admins may roll back; an orphan only an admin, until reassigned. */
    public void checkRollback(Handle handle, Caller caller, Model model) {
        if (!caller.admin() && !acl.isApprover(handle, caller.principalRowId())
                && !teams.isMember(handle, model.ownerTeamRowId(), caller.principalRowId())) {
            throw new RegistryException(ErrorCode.ROLLBACK_FORBIDDEN,
                    caller.name() + " is neither an approver nor a member of " + model.owner());
        }
        models.requireAccountableUnlessAdmin(handle, caller, model, "roll it back");
    }

    /** 1. An approver in the ACL, naming themself, who did not register the version. */
    private void fourEyes(Handle handle, Caller caller, String approver, Version version) {
        if (!acl.isApprover(handle, caller.principalRowId())) {
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
        List<ReportVerdict> reports = evaluations.verdicts(handle, version);
        Optional<String> named = Optional.ofNullable(version.evaluation()).map(Version.Evaluation::reportId);
        if (named.isPresent()) {
            ReportVerdict report = reports.stream().filter(r -> r.reportId().equals(named.get()))
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
        if (reports.stream().noneMatch(ReportVerdict::passed)) {
            throw new RegistryException(ErrorCode.EVALUATION_FAILED,
                    "every evaluation report of " + version.modelId() + " failed");
        }
    }

    /** 3. Someone is accountable for the model, and it is not past its expiry. */
    private void ownership(Handle handle, Model model) {
        ModelHealth now = models.health(handle, model);
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
        if (!version.sealed()) {
            throw new RegistryException(ErrorCode.VERSION_NOT_SEALED, version.modelId() + " is not sealed");
        }
        List<ModelId> rejected = versions.rejectedParents(handle, version);
        if (!rejected.isEmpty()) {
            throw new RegistryException(ErrorCode.ENSEMBLE_CHILD_REJECTED, version.modelId() + " consumes rejected versions: "
                    + rejected.stream().map(ModelId::toString).collect(Collectors.joining(", ")));
        }
    }
}
