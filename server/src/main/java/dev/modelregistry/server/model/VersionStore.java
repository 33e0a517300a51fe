package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SQL for versions, their ensemble edges and labels; the only writer of {@code model_versions},
 * {@code version_parents}, {@code version_labels} and {@code model_labels}.
 * In the schema, {@code model_versions.version_id} holds the public model_id and {@code model_versions.model_id} the
 * model's row id (see docs/architecture.md); in Java the first is a {@link ModelId}, the second a {@code …RowId}.
 */
public final class VersionStore {
    /** A version with its model, owner team and registrant, as {@link VersionRows#VERSION} reads it. */
    static final String SELECT = "SELECT " + VersionRows.COLUMNS + """
            FROM model_versions v
            JOIN models m ON m.id = v.model_id
            JOIN teams t ON t.id = m.owner_team_id
            JOIN principals p ON p.id = v.registered_by
            """;

    /** Everything stored for a new version; ids and names are resolved by the service. */
    public record NewVersion(long modelRowId, ModelId modelId, LineageHash lineageHash, Registration registration,
                             String hyperparamsJson, String trainingDistributionJson, String labelsJson,
                             long registeredByRowId, Instant registeredAt) {
    }

    /** Inserts the version and returns its row id. */
    public long insert(Handle handle, NewVersion v) {
        Registration r = v.registration();
        return handle.createQuery("""
                        INSERT INTO model_versions (model_id, version_id, lineage_hash, code_commit, feature_graph_hash,
                            data_window_start, data_window_end, hyperparams, training_distribution, labels,
                            evaluation_report_id, evaluation_objective, status, registered_by, registered_at)
                        VALUES (:modelId, :versionId, :lineageHash, :codeCommit, :featureGraphHash,
                            :windowStart, :windowEnd, :hyperparams, :trainingDistribution, :labels,
                            :reportId, :objective, 'candidate', :registeredBy, :registeredAt)
                        RETURNING id""")
                .bind("modelId", v.modelRowId())
                .bind("versionId", v.modelId().toString())
                .bind("lineageHash", v.lineageHash().value())
                .bind("codeCommit", r.codeCommit())
                .bind("featureGraphHash", r.featureGraphHash())
                .bind("windowStart", r.dataWindow().start())
                .bind("windowEnd", r.dataWindow().end())
                .bind("hyperparams", v.hyperparamsJson())
                .bind("trainingDistribution", v.trainingDistributionJson())
                .bind("labels", v.labelsJson())
                .bind("reportId", r.evaluation().map(Version.Evaluation::reportId).orElse(null))
                .bind("objective", r.evaluation().map(Version.Evaluation::objective).orElse(null))
                .bind("registeredBy", v.registeredByRowId())
                .bind("registeredAt", v.registeredAt())
                .mapTo(Long.class)
                .one();
    }

    /**
     * Writes the version's labels as rows too, one per key, and adds them to the labels its model carries, so that a
     * label filter is an index lookup on {@code (key, value)} rather than a LIKE over every version's stored JSON.
     */
    public void insertLabels(Handle handle, long modelRowId, long versionRowId, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        var versionLabels = handle.prepareBatch(
                "INSERT INTO version_labels (version_id, key, value) VALUES (:id, :key, :value)");
        // Another version of the model may carry the label already: then it is there, and stays true.
        var modelLabels = handle.prepareBatch("""
                INSERT INTO model_labels (model_id, key, value) VALUES (:id, :key, :value)
                ON CONFLICT (model_id, key, value) DO NOTHING""");
        labels.forEach((key, value) -> {
            versionLabels.bind("id", versionRowId).bind("key", key).bind("value", value).add();
            modelLabels.bind("id", modelRowId).bind("key", key).bind("value", value).add();
        });
        versionLabels.execute();
        modelLabels.execute();
    }

    public void insertParent(Handle handle, long versionRowId, long parentRowId) {
        handle.createUpdate("INSERT INTO version_parents (version_id, parent_id) VALUES (:versionId, :parentId)")
                .bind("versionId", versionRowId)
                .bind("parentId", parentRowId)
                .execute();
    }

    public Optional<Version> find(Handle handle, ModelId modelId) {
        return one(handle, handle.createQuery(SELECT + "WHERE v.version_id = :versionId")
                .bind("versionId", modelId.toString()));
    }

    public Optional<Version> findByLineage(Handle handle, long modelRowId, LineageHash lineageHash) {
        return one(handle, handle.createQuery(SELECT + "WHERE v.model_id = :modelId AND v.lineage_hash = :lineageHash")
                .bind("modelId", modelRowId)
                .bind("lineageHash", lineageHash.value()));
    }

    /**
     * The version of the model holding {@code status} now. Production and canary are each held by at most one version
     * of a model (partial unique indexes), so this is what {@code @production} and {@code @canary} name.
     */
    public Optional<Version> findByStatus(Handle handle, long modelRowId, VersionStatus status) {
        return one(handle, handle.createQuery(SELECT + "WHERE v.model_id = :modelId AND v.status = :status")
                .bind("modelId", modelRowId)
                .bind("status", status.wire()));
    }

    /** The version of the model registered last (row ids are registration order): what {@code @latest} names. */
    public Optional<Version> findLatest(Handle handle, long modelRowId) {
        return one(handle, handle.createQuery(SELECT + "WHERE v.model_id = :modelId ORDER BY v.id DESC LIMIT 1")
                .bind("modelId", modelRowId));
    }

    /** The one version the query finds, if any, with its parents. */
    private Optional<Version> one(Handle handle, Query query) {
        return query.map(VersionRows.VERSION).findOne().map(v -> withParents(handle, List.of(v)).get(0));
    }

    /** The row ids of those of the given model_ids that are registered. */
    public Map<ModelId, Long> rowIds(Handle handle, Collection<ModelId> modelIds) {
        Map<ModelId, Long> found = new LinkedHashMap<>();
        if (modelIds.isEmpty()) {
            return found;
        }
        handle.createQuery("SELECT id, version_id FROM model_versions WHERE version_id IN (<ids>)")
                .bindList("ids", modelIds.stream().map(ModelId::toString).toList())
                .map((rs, ctx) -> Map.entry(ModelId.parse(rs.getString("version_id")), rs.getLong("id")))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /**
     * Takes the version row's lock if the version is not sealed; returns false when it is sealed. The no-op UPDATE
     * is how both databases lock a row with the same SQL; a concurrent seal waits for this transaction.
     */
    public boolean lockUnsealed(Handle handle, long versionRowId) {
        return handle.createUpdate("UPDATE model_versions SET ready_at = NULL WHERE id = :id AND ready_at IS NULL")
                .bind("id", versionRowId)
                .execute() == 1;
    }

    /** Sets {@code ready_at}; returns false when the version was already sealed. */
    public boolean seal(Handle handle, long versionRowId, Instant at) {
        return handle.createUpdate("UPDATE model_versions SET ready_at = :at WHERE id = :id AND ready_at IS NULL")
                .bind("at", at)
                .bind("id", versionRowId)
                .execute() == 1;
    }

    public void setStatus(Handle handle, long versionRowId, VersionStatus status) {
        handle.createUpdate("UPDATE model_versions SET status = :status WHERE id = :id")
                .bind("status", status.wire())
                .bind("id", versionRowId)
                .execute();
    }

    /** The versions an ensemble consumes that are rejected, by model_id. */
    public List<ModelId> rejectedParents(Handle handle, long versionRowId) {
        return handle.createQuery("""
                        SELECT c.version_id FROM version_parents e JOIN model_versions c ON c.id = e.parent_id
                        WHERE e.version_id = :versionId AND c.status = 'rejected' ORDER BY c.version_id""")
                .bind("versionId", versionRowId)
                .map((rs, ctx) -> ModelId.parse(rs.getString("version_id")))
                .list();
    }

    /** Fills in the parents of several versions with one query. */
    List<Version> withParents(Handle handle, List<Version> versions) {
        if (versions.isEmpty()) {
            return versions;
        }
        Map<Long, List<ModelId>> parents = parentIds(handle, versions.stream().map(Version::rowId).toList());
        return versions.stream().map(v -> v.withParents(parents.getOrDefault(v.rowId(), List.of()))).toList();
    }

    private Map<Long, List<ModelId>> parentIds(Handle handle, Collection<Long> versionRowIds) {
        return handle.createQuery("""
                        SELECT e.version_id AS child, p.version_id AS parent FROM version_parents e
                        JOIN model_versions p ON p.id = e.parent_id
                        WHERE e.version_id IN (<ids>) ORDER BY p.version_id""")
                .bindList("ids", List.copyOf(versionRowIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("child"), ModelId.parse(rs.getString("parent"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
