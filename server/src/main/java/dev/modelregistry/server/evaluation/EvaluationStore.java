package dev.modelregistry.server.evaluation;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for verified evaluation reports. {@code versionId} parameters are the version's row id
 * ({@code model_versions.id}, {@code Version.id()}), not its public model_id.
 */
public final class EvaluationStore {
    private static final String SELECT = """
            SELECT r.report_id, r.version_id, v.version_id AS model_id, r.lineage_hash, e.name AS evaluator, r.keyid,
                   r.objective, r.verdict, r.metrics, r.created_at, r.envelope, r.received_at
            FROM evaluation_reports r
            JOIN model_versions v ON v.id = r.version_id
            JOIN evaluators e ON e.id = r.evaluator_id
            """;

    private static final RowMapper<EvaluationReport> REPORT = (rs, ctx) -> new EvaluationReport(
            rs.getString("report_id"), rs.getLong("version_id"), rs.getString("model_id"),
            rs.getString("lineage_hash"), rs.getString("evaluator"), rs.getString("keyid"), rs.getString("objective"),
            EvaluationReport.Verdict.fromWire(rs.getString("verdict")), rs.getString("metrics"),
            rs.getString("created_at"), rs.getString("envelope"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "received_at", ctx));

    /** Stores a report; {@code submittedBy} is the principal that sent it. A reused report_id is a unique violation. */
    public void insert(Handle handle, EvaluationReport report, long submittedBy) {
        handle.createUpdate("""
                        INSERT INTO evaluation_reports (report_id, version_id, lineage_hash, evaluator_id, keyid,
                            objective, verdict, metrics, created_at, envelope, submitted_by, received_at)
                        VALUES (:reportId, :versionId, :lineageHash, (SELECT id FROM evaluators WHERE name = :evaluator),
                            :keyid, :objective, :verdict, :metrics, :createdAt, :envelope, :submittedBy, :receivedAt)""")
                .bind("reportId", report.reportId())
                .bind("versionId", report.versionId())
                .bind("lineageHash", report.lineageHash())
                .bind("evaluator", report.evaluator())
                .bind("keyid", report.keyid())
                .bind("objective", report.objective())
                .bind("verdict", report.verdict().wire())
                .bind("metrics", report.metricsJson())
                .bind("createdAt", report.createdAt())
                .bind("envelope", report.envelopeJson())
                .bind("submittedBy", submittedBy)
                .bind("receivedAt", report.receivedAt())
                .execute();
    }

    /** The report with this report_id, whatever version it is bound to. */
    public Optional<EvaluationReport> findByReportId(Handle handle, String reportId) {
        return handle.createQuery(SELECT + "WHERE r.report_id = :reportId")
                .bind("reportId", reportId)
                .map(REPORT)
                .findOne();
    }

    /** The report {@code reportId} if it is bound to version {@code versionId}; empty when absent or bound elsewhere. */
    public Optional<EvaluationReport> find(Handle handle, long versionId, String reportId) {
        return handle.createQuery(SELECT + "WHERE r.report_id = :reportId AND r.version_id = :versionId")
                .bind("reportId", reportId)
                .bind("versionId", versionId)
                .map(REPORT)
                .findOne();
    }

    /** Every report bound to version {@code versionId}, in the order they were received. */
    public List<EvaluationReport> forVersion(Handle handle, long versionId) {
        return handle.createQuery(SELECT + "WHERE r.version_id = :versionId ORDER BY r.id")
                .bind("versionId", versionId)
                .map(REPORT)
                .list();
    }
}
