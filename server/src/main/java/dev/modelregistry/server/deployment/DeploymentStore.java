package dev.modelregistry.server.deployment;

import dev.modelregistry.server.model.VersionStatus;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for deployments, their history, and the facts the promotion gates check. */
public final class DeploymentStore {
    /**
     * Takes the model row's lock for the rest of the transaction (a no-op UPDATE, the same SQL on both databases),
     * so that changes to one model's deployment are applied one after the other on any number of instances.
     */
    public void lockModel(Handle handle, long modelDbId) {
        handle.createUpdate("UPDATE models SET name = name WHERE id = :id").bind("id", modelDbId).execute();
    }

    public DeploymentState current(Handle handle, long modelDbId, String model) {
        return handle.createQuery("""
                        SELECT d.revision, d.canary_pct, d.updated_at,
                               p.id AS p_id, p.version_id AS p_version, p.lineage_hash AS p_hash,
                               c.id AS c_id, c.version_id AS c_version, c.lineage_hash AS c_hash
                        FROM deployments d
                        LEFT JOIN model_versions p ON p.id = d.production_version_id
                        LEFT JOIN model_versions c ON c.id = d.canary_version_id
                        WHERE d.model_id = :modelId""")
                .bind("modelId", modelDbId)
                .map((rs, ctx) -> {
                    int canaryPct = rs.getInt("canary_pct");
                    Optional<DeploymentState.Slot> canary = rs.getString("c_version") == null ? Optional.empty()
                            : Optional.of(new DeploymentState.Slot(rs.getLong("c_id"), rs.getString("c_version"),
                            rs.getString("c_hash"), canaryPct));
                    Optional<DeploymentState.Slot> production = rs.getString("p_version") == null ? Optional.empty()
                            : Optional.of(new DeploymentState.Slot(rs.getLong("p_id"), rs.getString("p_version"),
                            rs.getString("p_hash"), 100 - canary.map(DeploymentState.Slot::pct).orElse(0)));
                    return new DeploymentState(modelDbId, model, rs.getLong("revision"), production, canary,
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "updated_at", ctx));
                })
                .findOne()
                .orElse(DeploymentState.none(modelDbId, model));
    }

    /** Stores the new split under the next revision; returns that revision. */
    public long save(Handle handle, DeploymentState before, Optional<Long> productionId, Optional<Long> canaryId,
                     Optional<Integer> canaryPct, Instant at) {
        long revision = before.revision() + 1;
        handle.createUpdate("""
                        INSERT INTO deployments (model_id, revision, production_version_id, canary_version_id, canary_pct, updated_at)
                        VALUES (:modelId, :revision, :production, :canary, :pct, :at)
                        ON CONFLICT (model_id) DO UPDATE SET revision = :revision, production_version_id = :production,
                            canary_version_id = :canary, canary_pct = :pct, updated_at = :at""")
                .bind("modelId", before.modelDbId())
                .bind("revision", revision)
                .bind("production", productionId.orElse(null))
                .bind("canary", canaryId.orElse(null))
                .bind("pct", canaryPct.orElse(null))
                .bind("at", at)
                .execute();
        return revision;
    }

    public void recordHistory(Handle handle, DeploymentState after, String action, String actor, String reason) {
        handle.createUpdate("""
                        INSERT INTO deployment_history (model_id, revision, production_version_id, canary_version_id,
                                                        canary_pct, action, actor, reason, changed_at)
                        VALUES (:modelId, :revision, :production, :canary, :pct, :action, :actor, :reason, :at)""")
                .bind("modelId", after.modelDbId())
                .bind("revision", after.revision())
                .bind("production", after.production().map(DeploymentState.Slot::versionDbId).orElse(null))
                .bind("canary", after.canary().map(DeploymentState.Slot::versionDbId).orElse(null))
                .bind("pct", after.canary().map(DeploymentState.Slot::pct).orElse(null))
                .bind("action", action)
                .bind("actor", actor)
                .bind("reason", reason)
                .bind("at", after.updatedAt())
                .execute();
    }

    /** One row of the deployment history, for "what was deployed when". */
    public record HistoryEntry(long revision, Optional<String> production, Optional<String> canary, Integer canaryPct,
                               String action, String actor, String reason, Instant changedAt) {
    }

    public List<HistoryEntry> history(Handle handle, long modelDbId, long afterRevision, int limit) {
        return handle.createQuery("""
                        SELECT h.revision, p.version_id AS production, c.version_id AS canary, h.canary_pct, h.action,
                               h.actor, h.reason, h.changed_at
                        FROM deployment_history h
                        LEFT JOIN model_versions p ON p.id = h.production_version_id
                        LEFT JOIN model_versions c ON c.id = h.canary_version_id
                        WHERE h.model_id = :modelId AND h.revision > :after
                        ORDER BY h.revision LIMIT :limit""")
                .bind("modelId", modelDbId)
                .bind("after", afterRevision)
                .bind("limit", limit)
                .map((rs, ctx) -> new HistoryEntry(rs.getLong("revision"), Optional.ofNullable(rs.getString("production")),
                        Optional.ofNullable(rs.getString("canary")), (Integer) rs.getObject("canary_pct"),
                        rs.getString("action"), rs.getString("actor"), rs.getString("reason"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "changed_at", ctx)))
                .list();
    }

    public void setStatus(Handle handle, long versionDbId, VersionStatus status) {
        handle.createUpdate("UPDATE model_versions SET status = :status WHERE id = :id")
                .bind("status", status.wire())
                .bind("id", versionDbId)
                .execute();
    }

    /** The most recent earlier production that was retired (not rolled back): what a rollback restores. */
    public Optional<DeploymentState.Slot> previousProduction(Handle handle, long modelDbId, long currentProductionId) {
        return handle.createQuery("""
                        SELECT v.id, v.version_id, v.lineage_hash FROM deployment_history h
                        JOIN model_versions v ON v.id = h.production_version_id
                        WHERE h.model_id = :modelId AND v.id <> :current AND v.status = 'retired'
                        ORDER BY h.revision DESC LIMIT 1""")
                .bind("modelId", modelDbId)
                .bind("current", currentProductionId)
                .map((rs, ctx) -> new DeploymentState.Slot(rs.getLong("id"), rs.getString("version_id"),
                        rs.getString("lineage_hash"), 100))
                .findOne();
    }

    /** The verdicts of the stored reports bound to this version and lineage hash, by report id. */
    public List<ReportVerdict> verdicts(Handle handle, long versionDbId, String lineageHash) {
        return handle.createQuery("""
                        SELECT report_id, verdict FROM evaluation_reports
                        WHERE version_id = :versionId AND lineage_hash = :lineageHash ORDER BY id""")
                .bind("versionId", versionDbId)
                .bind("lineageHash", lineageHash)
                .map((rs, ctx) -> new ReportVerdict(rs.getString("report_id"), "pass".equals(rs.getString("verdict"))))
                .list();
    }

    /** A stored evaluation report's id and whether it passed. */
    public record ReportVerdict(String reportId, boolean passed) {
    }

    /** Ensemble children that are rejected. */
    public List<String> rejectedChildren(Handle handle, long versionDbId) {
        return handle.createQuery("""
                        SELECT c.version_id FROM version_parents e JOIN model_versions c ON c.id = e.parent_id
                        WHERE e.version_id = :versionId AND c.status = 'rejected' ORDER BY c.version_id""")
                .bind("versionId", versionDbId)
                .mapTo(String.class)
                .list();
    }
}
