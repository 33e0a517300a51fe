package dev.modelregistry.server.deployment;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for deployments and their history; the only writer of {@code deployments} and {@code deployment_history}. */
public final class DeploymentStore {
    private static final String SELECT = """
            SELECT d.model_id, d.revision, d.canary_pct, d.updated_at,
                   p.id AS p_id, p.version_id AS p_version, p.lineage_hash AS p_hash,
                   c.id AS c_id, c.version_id AS c_version, c.lineage_hash AS c_hash
            FROM deployments d
            LEFT JOIN model_versions p ON p.id = d.production_version_id
            LEFT JOIN model_versions c ON c.id = d.canary_version_id
            """;

    /**
     * The split each model had in force at {@code :at}: its last change made at or before then (the rule a signal's
     * deployment at emission follows too), read from the history, whose changed_at becomes the state's updatedAt.
     * Models never deployed by then have no row. The (model_id, changed_at) index finds each model's change.
     */
    private static final String IN_FORCE = """
            SELECT m.name, h.model_id, h.revision, h.canary_pct, h.changed_at AS updated_at,
                   p.id AS p_id, p.version_id AS p_version, p.lineage_hash AS p_hash,
                   c.id AS c_id, c.version_id AS c_version, c.lineage_hash AS c_hash
            FROM models m
            JOIN deployments d ON d.model_id = m.id
            JOIN deployment_history h ON h.id = (SELECT x.id FROM deployment_history x
                                                 WHERE x.model_id = m.id AND x.changed_at <= :at
                                                 ORDER BY x.changed_at DESC, x.revision DESC LIMIT 1)
            LEFT JOIN model_versions p ON p.id = h.production_version_id
            LEFT JOIN model_versions c ON c.id = h.canary_version_id
            """;

    public DeploymentState current(Handle handle, long modelRowId, ModelName model) {
        return handle.createQuery(SELECT + "WHERE d.model_id = :modelId")
                .bind("modelId", modelRowId)
                .map((rs, ctx) -> state(rs, ctx, model))
                .findOne()
                .orElse(DeploymentState.none(modelRowId, model));
    }

    /** The current split of each of the given models (by row id) in one statement, for a page of models. */
    public Map<Long, DeploymentState> current(Handle handle, Map<Long, ModelName> models) {
        Map<Long, DeploymentState> states = new HashMap<>();
        models.forEach((rowId, name) -> states.put(rowId, DeploymentState.none(rowId, name)));
        if (models.isEmpty()) {
            return states;
        }
        handle.createQuery(SELECT + "WHERE d.model_id IN (<ids>)")
                .bindList("ids", List.copyOf(models.keySet()))
                .map((rs, ctx) -> state(rs, ctx, models.get(rs.getLong("model_id"))))
                .forEach(state -> states.put(state.modelRowId(), state));
        return states;
    }

    private static DeploymentState state(ResultSet rs, StatementContext ctx, ModelName model) throws SQLException {
        Optional<DeploymentState.Slot> canary = slot(rs, "c", rs.getInt("canary_pct"));
        Optional<DeploymentState.Slot> production = slot(rs, "p", 100 - canary.map(DeploymentState.Slot::pct).orElse(0));
        return new DeploymentState(rs.getLong("model_id"), model, rs.getLong("revision"), production, canary,
                ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "updated_at", ctx));
    }

    private static Optional<DeploymentState.Slot> slot(ResultSet rs, String prefix, int pct) throws SQLException {
        String version = rs.getString(prefix + "_version");
        return version == null ? Optional.empty() : Optional.of(new DeploymentState.Slot(rs.getLong(prefix + "_id"),
                ModelId.parse(version), new LineageHash(rs.getString(prefix + "_hash")), pct));
    }

    /** Stores the new split under the next revision; returns that revision. */
    public long save(Handle handle, DeploymentState before, Optional<DeploymentState.Slot> production,
                     Optional<DeploymentState.Slot> canary, Instant at) {
        long revision = before.revision() + 1;
        handle.createUpdate("""
                        INSERT INTO deployments (model_id, revision, production_version_id, canary_version_id, canary_pct, updated_at)
                        VALUES (:modelId, :revision, :production, :canary, :pct, :at)
                        ON CONFLICT (model_id) DO UPDATE SET revision = :revision, production_version_id = :production,
                            canary_version_id = :canary, canary_pct = :pct, updated_at = :at""")
                .bind("modelId", before.modelRowId())
                .bind("revision", revision)
                .bind("production", production.map(DeploymentState.Slot::versionRowId).orElse(null))
                .bind("canary", canary.map(DeploymentState.Slot::versionRowId).orElse(null))
                .bind("pct", canary.map(DeploymentState.Slot::pct).orElse(null))
                .bind("at", at)
                .execute();
        return revision;
    }

    public void recordHistory(Handle handle, DeploymentState after, String action, String actor, String reason) {
        handle.createUpdate("""
                        INSERT INTO deployment_history (model_id, revision, production_version_id, canary_version_id,
                                                        canary_pct, action, actor, reason, changed_at)
                        VALUES (:modelId, :revision, :production, :canary, :pct, :action, :actor, :reason, :at)""")
                .bind("modelId", after.modelRowId())
                .bind("revision", after.revision())
                .bind("production", after.production().map(DeploymentState.Slot::versionRowId).orElse(null))
                .bind("canary", after.canary().map(DeploymentState.Slot::versionRowId).orElse(null))
                .bind("pct", after.canary().map(DeploymentState.Slot::pct).orElse(null))
                .bind("action", action)
                .bind("actor", actor)
                .bind("reason", reason)
                .bind("at", after.updatedAt())
                .execute();
    }

    public List<HistoryEntry> history(Handle handle, long modelRowId, long afterRevision, int limit) {
        return handle.createQuery("""
                        SELECT h.revision, p.version_id AS production, c.version_id AS canary, h.canary_pct, h.action,
                               h.actor, h.reason, h.changed_at
                        FROM deployment_history h
                        LEFT JOIN model_versions p ON p.id = h.production_version_id
                        LEFT JOIN model_versions c ON c.id = h.canary_version_id
                        WHERE h.model_id = :modelId AND h.revision > :after
                        ORDER BY h.revision LIMIT :limit""")
                .bind("modelId", modelRowId)
                .bind("after", afterRevision)
                .bind("limit", limit)
                .map((rs, ctx) -> new HistoryEntry(rs.getLong("revision"),
                        Optional.ofNullable(rs.getString("production")).map(ModelId::parse),
                        Optional.ofNullable(rs.getString("canary")).map(ModelId::parse),
                        (Integer) rs.getObject("canary_pct"), rs.getString("action"), rs.getString("actor"),
                        rs.getString("reason"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "changed_at", ctx)))
                .list();
    }

    /** The split in force at {@code at}; revision 0 when the model had not been deployed by then. */
    public DeploymentState inForceAt(Handle handle, long modelRowId, ModelName model, Instant at) {
        return handle.createQuery(IN_FORCE + "WHERE m.id = :modelId")
                .bind("modelId", modelRowId)
                .bind("at", at)
                .map((rs, ctx) -> state(rs, ctx, model))
                .findOne()
                .orElse(DeploymentState.none(modelRowId, model));
    }

    /**
     * The split in force at {@code at} of every model deployed by then, by name after {@code afterName}, in one
     * statement: models in name order (their unique index), each one's change in force found by an index probe, so a
     * page is one query whatever its size.
     */
    public List<DeploymentState> everyModelInForceAt(Handle handle, Instant at, String afterName, int limit) {
        return handle.createQuery(IN_FORCE + "WHERE m.name > :after ORDER BY m.name LIMIT :limit")
                .bind("at", at)
                .bind("after", afterName)
                .bind("limit", limit)
                .map((rs, ctx) -> state(rs, ctx, new ModelName(rs.getString("name"))))
                .list();
    }

    /** The most recent earlier production that was retired (not rolled back): what a rollback restores. */
    public Optional<DeploymentState.Slot> previousProduction(Handle handle, long modelRowId, long currentProductionRowId) {
        return handle.createQuery("""
                        SELECT v.id, v.version_id, v.lineage_hash FROM deployment_history h
                        JOIN model_versions v ON v.id = h.production_version_id
                        WHERE h.model_id = :modelId AND v.id <> :current AND v.status = 'retired'
                        ORDER BY h.revision DESC LIMIT 1""")
                .bind("modelId", modelRowId)
                .bind("current", currentProductionRowId)
                .map((rs, ctx) -> new DeploymentState.Slot(rs.getLong("id"), ModelId.parse(rs.getString("version_id")),
                        new LineageHash(rs.getString("lineage_hash")), 100))
                .findOne();
    }
}
