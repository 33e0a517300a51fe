package dev.modelregistry.server.evaluation;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for verified evaluation reports; the only writer of {@code evaluation_reports}. {@code versionRowId} parameters
 * are the version's row id ({@code model_versions.id}, {@code Version.rowId()}), not its public model_id.
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
            rs.getString("report_id"), rs.getLong("version_id"), ModelId.parse(rs.getString("model_id")),
            new LineageHash(rs.getString("lineage_hash")), rs.getString("evaluator"), rs.getString("keyid"), rs.getString("objective"),
            EvaluationReport.Verdict.fromWire(rs.getString("verdict")), rs.getString("metrics"),
            rs.getString("created_at"), rs.getString("envelope"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "received_at", ctx));

    /** Stores a report; {@code submittedBy} is the principal that sent it. A reused report_id is a unique violation. */
    public void insert(Handle handle, EvaluationReport report, long submittedByRowId) {
        handle.createUpdate("""
                        INSERT INTO evaluation_reports (report_id, version_id, lineage_hash, evaluator_id, keyid,
                            objective, verdict, metrics, created_at, envelope, submitted_by, received_at)
                        VALUES (:reportId, :versionId, :lineageHash, (SELECT id FROM evaluators WHERE name = :evaluator),
                            :keyid, :objective, :verdict, :metrics, :createdAt, :envelope, :submittedBy, :receivedAt)""")
                .bind("reportId", report.reportId())
                .bind("versionId", report.versionRowId())
                .bind("lineageHash", report.lineageHash().value())
                .bind("evaluator", report.evaluator())
                .bind("keyid", report.keyid())
                .bind("objective", report.objective())
                .bind("verdict", report.verdict().wire())
                .bind("metrics", report.metricsJson())
                .bind("createdAt", report.createdAt())
                .bind("envelope", report.envelopeJson())
                .bind("submittedBy", submittedByRowId)
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

    /** Every report bound to version {@code versionRowId}, in the order they were received. */
    public List<EvaluationReport> forVersion(Handle handle, long versionRowId) {
        return handle.createQuery(SELECT + "WHERE r.version_id = :versionId ORDER BY r.id")
                .bind("versionId", versionRowId)
                .map(REPORT)
                .list();
    }

    /** The verdicts of the stored reports bound to this version and lineage hash, in the order they were received. */
    public List<ReportVerdict> verdicts(Handle handle, long versionRowId, LineageHash lineageHash) {
        return handle.createQuery("""
                        SELECT report_id, verdict FROM evaluation_reports
                        WHERE version_id = :versionId AND lineage_hash = :lineageHash ORDER BY id""")
                .bind("versionId", versionRowId)
                .bind("lineageHash", lineageHash.value())
                .map((rs, ctx) -> new ReportVerdict(rs.getString("report_id"), "pass".equals(rs.getString("verdict"))))
                .list();
    }

    /** The verdicts of the reports bound to each of the given versions (by row id), in one statement. */
    public Map<Long, List<EvaluationReport.Verdict>> verdictsOf(Handle handle, Collection<Long> versionRowIds) {
        Map<Long, List<EvaluationReport.Verdict>> verdicts = new HashMap<>();
        if (versionRowIds.isEmpty()) {
            return verdicts;
        }
        handle.createQuery("""
                        SELECT r.version_id, r.verdict FROM evaluation_reports r
                        JOIN model_versions v ON v.id = r.version_id AND v.lineage_hash = r.lineage_hash
                        WHERE r.version_id IN (<ids>) ORDER BY r.id""")
                .bindList("ids", List.copyOf(versionRowIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("version_id"),
                        EvaluationReport.Verdict.fromWire(rs.getString("verdict"))))
                .forEach(row -> verdicts.computeIfAbsent(row.getKey(), id -> new ArrayList<>()).add(row.getValue()));
        return verdicts;
    }
}
