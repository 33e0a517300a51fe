package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.DataWindow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** SQL for versions and their ensemble edges. */
public final class VersionStore {
    /**
     * The columns {@link #VERSION} reads, for queries of other features that join a version as {@code v} with its
     * model {@code m}, owner team {@code t} and registering principal {@code p} (the lineage answers do).
     */
    public static final String COLUMNS = """
            v.id, v.version_id, m.name AS model, v.status, v.ready_at, v.lineage_hash, v.code_commit,
                   v.feature_graph_hash, v.data_window_start, v.data_window_end, v.hyperparams,
                   v.training_distribution, v.labels, v.evaluation_report_id, v.evaluation_objective,
                   t.name AS owner, p.name AS registered_by, v.registered_at
            """;

    private static final String SELECT = "SELECT " + COLUMNS + """
            FROM model_versions v
            JOIN models m ON m.id = v.model_id
            JOIN teams t ON t.id = m.owner_team_id
            JOIN principals p ON p.id = v.registered_by
            """;

    /** Maps the {@link #COLUMNS} of a row to a version without its parents. */
    public static final RowMapper<Version> VERSION = (rs, ctx) -> {
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        String reportId = rs.getString("evaluation_report_id");
        String objective = rs.getString("evaluation_objective");
        return new Version(rs.getLong("id"), rs.getString("version_id"), rs.getString("model"),
                VersionStatus.fromWire(rs.getString("status")), instants.map(rs, "ready_at", ctx),
                rs.getString("lineage_hash"), rs.getString("code_commit"), rs.getString("feature_graph_hash"),
                new DataWindow(rs.getString("data_window_start"), rs.getString("data_window_end")),
                rs.getString("hyperparams"), List.of(), rs.getString("training_distribution"), rs.getString("labels"),
                reportId == null && objective == null ? null : new Version.Evaluation(reportId, objective),
                rs.getString("owner"), rs.getString("registered_by"), instants.map(rs, "registered_at", ctx));
    };

    /** Everything stored for a new version; ids and names are resolved by the service. */
    public record NewVersion(long modelId, String versionId, String lineageHash, Registration registration,
                             String hyperparamsJson, String trainingDistributionJson, String labelsJson,
                             long registeredBy, Instant registeredAt) {
    }

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
                .bind("modelId", v.modelId())
                .bind("versionId", v.versionId())
                .bind("lineageHash", v.lineageHash())
                .bind("codeCommit", r.codeCommit())
                .bind("featureGraphHash", r.featureGraphHash())
                .bind("windowStart", r.dataWindow().start())
                .bind("windowEnd", r.dataWindow().end())
                .bind("hyperparams", v.hyperparamsJson())
                .bind("trainingDistribution", v.trainingDistributionJson())
                .bind("labels", v.labelsJson())
                .bind("reportId", r.evaluation().map(Version.Evaluation::reportId).orElse(null))
                .bind("objective", r.evaluation().map(Version.Evaluation::objective).orElse(null))
                .bind("registeredBy", v.registeredBy())
                .bind("registeredAt", v.registeredAt())
                .mapTo(Long.class)
                .one();
    }

    public void insertParent(Handle handle, long versionId, long parentId) {
        handle.createUpdate("INSERT INTO version_parents (version_id, parent_id) VALUES (:versionId, :parentId)")
                .bind("versionId", versionId)
                .bind("parentId", parentId)
                .execute();
    }

    public Optional<Version> findByVersionId(Handle handle, String versionId) {
        return handle.createQuery(SELECT + "WHERE v.version_id = :versionId")
                .bind("versionId", versionId)
                .map(VERSION)
                .findOne()
                .map(v -> withParents(handle, List.of(v)).get(0));
    }

    public Optional<Version> findByLineage(Handle handle, long modelId, String lineageHash) {
        return handle.createQuery(SELECT + "WHERE v.model_id = :modelId AND v.lineage_hash = :lineageHash")
                .bind("modelId", modelId)
                .bind("lineageHash", lineageHash)
                .map(VERSION)
                .findOne()
                .map(v -> withParents(handle, List.of(v)).get(0));
    }

    /** Versions of a model in registration order, after the version named by {@code afterVersionId}. */
    public List<Version> page(Handle handle, long modelId, Optional<String> afterVersionId, int limit) {
        String after = afterVersionId.isPresent()
                ? "AND v.id > (SELECT id FROM model_versions WHERE version_id = :after AND model_id = :modelId) "
                : "";
        List<Version> versions = handle.createQuery(SELECT + "WHERE v.model_id = :modelId " + after
                        + "ORDER BY v.id LIMIT :limit")
                .bind("modelId", modelId)
                .bind("after", afterVersionId.orElse(null))
                .bind("limit", limit)
                .map(VERSION)
                .list();
        return withParents(handle, versions);
    }

    /** Fills in the parents of several versions with one query. */
    private List<Version> withParents(Handle handle, List<Version> versions) {
        if (versions.isEmpty()) {
            return versions;
        }
        Map<Long, List<String>> parents = parentIds(handle, versions.stream().map(Version::id).toList());
        return versions.stream().map(v -> v.withParents(parents.getOrDefault(v.id(), List.of()))).toList();
    }

    private Map<Long, List<String>> parentIds(Handle handle, Collection<Long> versionIds) {
        return handle.createQuery("""
                        SELECT e.version_id AS child, p.version_id AS parent FROM version_parents e
                        JOIN model_versions p ON p.id = e.parent_id
                        WHERE e.version_id IN (<ids>) ORDER BY p.version_id""")
                .bindList("ids", List.copyOf(versionIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("child"), rs.getString("parent")))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
