package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionRef;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepts signed evaluation reports: verifies the envelope against the evaluator keys as stored at this moment,
 * binds the report to the version its subject names (by model_id and lineage hash) and stores it with its audit
 * entry in one transaction. Who submits does not matter; the signature is what authenticates the evaluator.
 */
public final class EvaluationService {
    private final Database database;
    private final EvaluationStore reports;
    private final EvaluatorService evaluators;
    private final VersionAccess versions;
    private final AuditLog audit;
    private final Clock clock;

    public EvaluationService(Database database, EvaluationStore reports, EvaluatorService evaluators,
                             VersionAccess versions, AuditLog audit, Clock clock) {
        this.database = database;
        this.reports = reports;
        this.evaluators = evaluators;
        this.versions = versions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The stored report, and whether this submission stored it (false: the identical envelope was already there). */
    public record Submitted(EvaluationReport report, boolean created) {
    }

    public Submitted submit(Caller caller, JsonNode envelope) {
        try {
            return database.inTransaction(handle -> submitIn(handle, caller, envelope));
        } catch (RuntimeException e) {
            // The same report raced in from another request and committed first: ours now finds it.
            if (database.isUniqueViolation(e)) {
                return database.inTransaction(handle -> submitIn(handle, caller, envelope));
            }
            throw e;
        }
    }

    /** The reports bound to a version, in the order they were received; 404 when the version is not the model's. */
    public List<EvaluationReport> list(ModelName model, VersionRef ref) {
        return database.withHandle(handle -> reports.forVersion(handle, versions.require(handle, model, ref).rowId()));
    }

    /**
     * For each version, what its evaluations concluded: {@code pass} when a report bound to its lineage hash
     * passed, {@code fail} when reports exist and none passed; versions without a report are left out.
     */
    public Map<ModelId, EvaluationReport.Verdict> summaryVerdicts(List<Version> versions) {
        Map<Long, List<EvaluationReport.Verdict>> byRowId = database.withHandle(handle ->
                reports.verdictsOf(handle, versions.stream().map(Version::rowId).toList()));
        Map<ModelId, EvaluationReport.Verdict> summary = new HashMap<>();
        for (Version version : versions) {
            List<EvaluationReport.Verdict> verdicts = byRowId.getOrDefault(version.rowId(), List.of());
            if (!verdicts.isEmpty()) {
                summary.put(version.modelId(), verdicts.contains(EvaluationReport.Verdict.PASS)
                        ? EvaluationReport.Verdict.PASS : EvaluationReport.Verdict.FAIL);
            }
        }
        return summary;
    }

    /** The verdicts of the reports bound to the version's lineage hash, in the caller's transaction (promotion gates). */
    public List<ReportVerdict> verdicts(Handle handle, Version version) {
        return reports.verdicts(handle, version.rowId(), version.lineageHash());
    }

    private Submitted submitIn(Handle handle, Caller caller, JsonNode envelope) {
        // Keys are read on every submission, in the transaction that stores the report: no cache can keep a revoked
        // key alive, on this instance or any other.
        EvaluationVerifier.Verified verified = EvaluationVerifier.verify(envelope, evaluators.allKeys(handle));
        EvaluationStatement statement = verified.statement();
        Version version = subject(handle, statement.modelId());
        if (!version.lineageHash().value().equals(statement.lineageHash())) {
            throw new RegistryException(ErrorCode.SUBJECT_MISMATCH, "the subject's sha256 digest "
                    + statement.lineageHash() + " is not the lineage hash of " + version.modelId());
        }
        String envelopeJson = Json.write(verified.envelope().toJson());
        Optional<EvaluationReport> existing = reports.findByReportId(handle, statement.reportId());
        if (existing.isPresent()) {
            if (existing.get().envelopeJson().equals(envelopeJson)) {
                return new Submitted(existing.get(), false);
            }
            throw new RegistryException(ErrorCode.ALREADY_EXISTS,
                    "report " + statement.reportId() + " is already stored with another envelope");
        }
        EvaluationReport report = new EvaluationReport(statement.reportId(), version.rowId(), version.modelId(),
                version.lineageHash(), verified.key().evaluator(), verified.key().keyid(), statement.objective(),
                statement.verdict(), Json.write(statement.metrics()), statement.createdAt(), envelopeJson,
                Times.truncate(clock.instant()));
        reports.insert(handle, report, caller.principalRowId());
        audit.append(handle, caller, AuditEvent.created(AuditLog.modelChain(version.model()), "evaluation.recorded",
                "evaluation:" + report.reportId(), report));
        return new Submitted(report, true);
    }

    /** The registered version a statement's subject names; anything else is a subject mismatch. */
    private Version subject(Handle handle, String subjectName) {
        Optional<ModelId> modelId;
        try {
            modelId = Optional.of(ModelId.parse(subjectName));
        } catch (RegistryException e) {
            modelId = Optional.empty();
        }
        return modelId.flatMap(id -> versions.find(handle, id))
                .orElseThrow(() -> new RegistryException(ErrorCode.SUBJECT_MISMATCH,
                        "the subject " + subjectName + " is not a registered version"));
    }
}
