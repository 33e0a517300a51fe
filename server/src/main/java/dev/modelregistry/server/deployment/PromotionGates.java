package dev.modelregistry.server.deployment;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
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
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may change a deployment, and the rules a promotion must pass, in the order SPEC lists them. Every rule is
 * evaluated into a {@link GateCheck}: the console and the promotion-readiness route show them all before the button,
 * and a refused promotion has the first unmet one's problem type and lists every unmet one. The split itself (canary
 * vs production) is checked by {@link PromotionService}. Every fact comes from the feature that owns it.
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

    /**
     * Refuses the promotion unless every rule is met. The problem is the first unmet rule's (type, status, title and
     * detail, as clients have always matched on), and its {@code errors} name every unmet rule, so that one refusal
     * tells the approver everything there is to fix.
     */
    public void checkPromotion(Handle handle, Caller caller, String approver, Model model, Version version) {
        List<GateCheck> unmet = checklist(handle, caller, approver, model, version).stream()
                .filter(check -> !check.met()).toList();
        if (!unmet.isEmpty()) {
            throw new RegistryException(unmet.get(0).refusal(), unmet.get(0).detail(),
                    unmet.stream().map(check -> new FieldError(check.rule(), check.detail())).toList());
        }
    }

    /** Every rule of a promotion of {@code version} by {@code caller} naming {@code approver}, met or not. */
    public List<GateCheck> checklist(Handle handle, Caller caller, String approver, Model model, Version version) {
        ModelHealth health = models.health(handle, model);
        return List.of(inAcl(handle, caller), namesThemself(caller, approver), fourEyes(caller, version),
                evaluation(handle, version), accountable(model, health), notExpired(model, health), sealed(version),
                childrenNotRejected(handle, version));
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
    private GateCheck inAcl(Handle handle, Caller caller) {
        return acl.isApprover(handle, caller.principalRowId())
                ? GateCheck.met("approver_in_acl", caller.name() + " is in the approver ACL")
                : GateCheck.unmet("approver_in_acl", ErrorCode.NOT_APPROVER, caller.name() + " is not in the approver ACL");
    }

    private static GateCheck namesThemself(Caller caller, String approver) {
        return caller.name().equals(approver)
                ? GateCheck.met("approver_is_caller", "the approver named is the caller, " + approver)
                : GateCheck.unmet("approver_is_caller", ErrorCode.APPROVER_MISMATCH,
                "the request names " + approver + " as approver but was sent by " + caller.name());
    }

    private static GateCheck fourEyes(Caller caller, Version version) {
        return version.registeredBy().equals(caller.name())
                ? GateCheck.unmet("not_registrant", ErrorCode.FOUR_EYES,
                caller.name() + " registered " + version.modelId() + " and cannot also approve it")
                : GateCheck.met("not_registrant", version.modelId() + " was registered by " + version.registeredBy());
    }

    /** 2. A verified report bound to the lineage hash with verdict pass; the named one if the version named one. */
    private GateCheck evaluation(Handle handle, Version version) {
        String rule = "evaluation_passed";
        List<ReportVerdict> reports = evaluations.verdicts(handle, version);
        Optional<String> named = Optional.ofNullable(version.evaluation()).map(Version.Evaluation::reportId);
        if (named.isPresent()) {
            Optional<ReportVerdict> report = reports.stream().filter(r -> r.reportId().equals(named.get())).findFirst();
            if (report.isEmpty()) {
                return GateCheck.unmet(rule, ErrorCode.EVALUATION_MISSING, version.modelId() + " names report "
                        + named.get() + ", and no verified report of that id is bound to it");
            }
            return report.get().passed()
                    ? GateCheck.met(rule, "report " + named.get() + " (named by the version) passed")
                    : GateCheck.unmet(rule, ErrorCode.EVALUATION_FAILED, "report " + named.get() + " did not pass");
        }
        if (reports.isEmpty()) {
            return GateCheck.unmet(rule, ErrorCode.EVALUATION_MISSING,
                    "no verified evaluation report is bound to lineage hash " + version.lineageHash());
        }
        return reports.stream().filter(ReportVerdict::passed).findFirst()
                .map(passed -> GateCheck.met(rule, "report " + passed.reportId() + " passed, signed and bound to "
                        + "lineage hash " + version.lineageHash()))
                .orElseGet(() -> GateCheck.unmet(rule, ErrorCode.EVALUATION_FAILED,
                        "every evaluation report of " + version.modelId() + " failed"));
    }

    /** 3. Someone is accountable for the model, and it is not past its expiry. */
    private static GateCheck accountable(Model model, ModelHealth health) {
        return health.state() == Health.ORPHAN
                ? GateCheck.unmet("accountable", ErrorCode.MODEL_ORPHANED, model.name() + " is an orphan ("
                + health.reason() + "); an admin must reassign it")
                : GateCheck.met("accountable", model.name() + " is owned by " + model.owner());
    }

    private static GateCheck notExpired(Model model, ModelHealth health) {
        return health.state() == Health.EXPIRED
                ? GateCheck.unmet("not_expired", ErrorCode.MODEL_EXPIRED, model.name() + " expired at "
                + health.since() + " (" + health.reason() + "); register a new version first")
                : GateCheck.met("not_expired", model.name() + " is " + health.state().name().toLowerCase(Locale.ROOT));
    }

    /** 4. Sealed, and for an ensemble no rejected child. */
    private static GateCheck sealed(Version version) {
        return version.sealed()
                ? GateCheck.met("sealed", version.modelId() + " is sealed")
                : GateCheck.unmet("sealed", ErrorCode.VERSION_NOT_SEALED, version.modelId() + " is not sealed");
    }

    private GateCheck childrenNotRejected(Handle handle, Version version) {
        List<ModelId> rejected = versions.rejectedParents(handle, version);
        return rejected.isEmpty()
                ? GateCheck.met("children_not_rejected", version.modelId() + " consumes no rejected version")
                : GateCheck.unmet("children_not_rejected", ErrorCode.ENSEMBLE_CHILD_REJECTED, version.modelId()
                + " consumes rejected versions: " + rejected.stream().map(ModelId::toString)
                .collect(Collectors.joining(", ")));
    }
}
