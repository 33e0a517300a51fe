package dev.modelregistry.server.lineage;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionStatus;
import dev.modelregistry.server.model.VersionRows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the lineage answers (reads only). It joins the tables of other features read-only, because the point of the
 * answer is one statement; their writers stay their own stores. A fill's whole answer — fill, signal, version, model, owner, evaluation report,
 * training-distribution artifact and the deployment at emission — is one statement: key table → data table by id
 * and time (which lets PostgreSQL prune the yearly partitions at run time), the signal the same way, then the
 * version's rows, with the report and the deployment history row picked by correlated scalar subqueries (no LATERAL:
 * SQLite has none). Only an ensemble needs a second, recursive query for its children.
 */
public final class LineageQueryStore {
    /** The artifact whose content is a version's training-distribution summary when none was registered. */
    public static final String TRAINING_DISTRIBUTION_ARTIFACT = "training_distribution.json";

    private static final String LINEAGE_COLUMNS = VersionRows.COLUMNS + """
                   , r.report_id AS r_report_id, r.objective AS r_objective, r.verdict AS r_verdict,
                   r.metrics AS r_metrics, ev.name AS r_evaluator,
                   ta.sha256 AS td_sha256, ta.size AS td_size,
                   (SELECT COUNT(*) FROM version_parents e WHERE e.version_id = v.id) AS parent_count,
                   dh.revision AS d_revision, dh.canary_pct AS d_canary_pct, dh.changed_at AS d_changed_at,
                   dh.production_version_id AS d_production_id, dp.version_id AS d_production,
                   dh.canary_version_id AS d_canary_id, dc.version_id AS d_canary
            """;

    /** Everything hanging off the signal {@code s}; left joins, so a fill whose signal has not arrived still answers. */
    private static final String LINEAGE_JOINS = """
            LEFT JOIN model_versions v ON v.id = s.version_id
            LEFT JOIN models m ON m.id = v.model_id
            LEFT JOIN teams t ON t.id = m.owner_team_id
            LEFT JOIN principals p ON p.id = v.registered_by
            LEFT JOIN evaluation_reports r ON r.id = (
                SELECT er.id FROM evaluation_reports er
                WHERE er.version_id = v.id AND er.lineage_hash = v.lineage_hash
                  AND (er.report_id = v.evaluation_report_id
                       OR (v.evaluation_report_id IS NULL AND er.verdict = 'pass'))
                ORDER BY er.id DESC LIMIT 1)
            LEFT JOIN evaluators ev ON ev.id = r.evaluator_id
            LEFT JOIN artifacts ta ON ta.version_id = v.id AND ta.path = :trainingArtifact
            LEFT JOIN deployment_history dh ON dh.id = (
                SELECT h.id FROM deployment_history h
                WHERE h.model_id = v.model_id AND h.changed_at <= s.emitted_at
                ORDER BY h.changed_at DESC, h.revision DESC LIMIT 1)
            LEFT JOIN model_versions dp ON dp.id = dh.production_version_id
            LEFT JOIN model_versions dc ON dc.id = dh.canary_version_id
            """;

    // The key table answers the event's time first (an uncorrelated subquery, run once before the scan), so
    // PostgreSQL reads the one partition holding the event instead of probing the index of every year. LIMIT 1 (ids
    // are unique) tells the planner that one row comes out, whatever the number of partitions, so that it looks up
    // everything else by index instead of hashing whole tables.
    static final String FILL = "SELECT f.body AS f_body, s.body AS s_body, " + LINEAGE_COLUMNS + """
            FROM (SELECT fl.body, fl.signal_id FROM fills fl
                  WHERE fl.fill_id = :id
                    AND fl.executed_at = (SELECT fk.executed_at FROM fill_keys fk WHERE fk.fill_id = :id)
                  LIMIT 1) f
            LEFT JOIN signal_keys sk ON sk.signal_id = f.signal_id
            LEFT JOIN signals s ON s.signal_id = sk.signal_id AND s.emitted_at = sk.emitted_at
            """ + LINEAGE_JOINS;

    static final String SIGNAL = "SELECT NULL AS f_body, s.body AS s_body, " + LINEAGE_COLUMNS + """
            FROM (SELECT sg.body, sg.version_id, sg.emitted_at FROM signals sg
                  WHERE sg.signal_id = :id
                    AND sg.emitted_at = (SELECT sk.emitted_at FROM signal_keys sk WHERE sk.signal_id = :id)
                  LIMIT 1) s
            """ + LINEAGE_JOINS;

    /** The fill and what its signal leads to; absent parts (no signal yet, no report, never deployed) are null. */
    public record Found(String fillBody, String signalBody, Version version, Report report,
                        TrainingArtifact trainingArtifact, boolean ensemble, Deployed deployed) {
    }

    /** The verified evaluation report of the version: the one it named, else its latest passing one. */
    public record Report(String reportId, String objective, String verdict, String metricsJson, String evaluator) {
    }

    /** The {@value #TRAINING_DISTRIBUTION_ARTIFACT} artifact of the version: its blob and size. */
    public record TrainingArtifact(String sha256, long size) {
    }

    /**
     * The model's deployment when the signal was emitted: the latest history row at or before that time.
     * {@code productionId}/{@code canaryId} are version row ids, null when the slot was empty.
     */
    public record Deployed(long revision, Long productionId, String production, Long canaryId, String canary,
                           Integer canaryPct, Instant changedAt) {
    }

    /** An edge of the ensemble DAG: {@code consumer} (a version row id) consumes {@code child}. */
    public record ChildEdge(long consumerId, Version child) {
    }

    /** An edge met walking the DAG from a root, {@code depth} edges away from it (1 = a direct edge). */
    public record GraphEdge(ModelId from, ModelId to, int depth, LineageHash nodeLineageHash, VersionStatus nodeStatus) {
    }

    private static final RowMapper<Found> FOUND = (rs, ctx) -> {
        boolean hasVersion = rs.getObject("id") != null;
        Version version = hasVersion ? VersionRows.VERSION.map(rs, ctx) : null;
        String reportId = rs.getString("r_report_id");
        Report report = reportId == null ? null : new Report(reportId, rs.getString("r_objective"),
                rs.getString("r_verdict"), rs.getString("r_metrics"), rs.getString("r_evaluator"));
        String trainingSha = rs.getString("td_sha256");
        TrainingArtifact training = trainingSha == null ? null : new TrainingArtifact(trainingSha, rs.getLong("td_size"));
        Deployed deployed = null;
        if (rs.getObject("d_revision") != null) {
            deployed = new Deployed(rs.getLong("d_revision"), nullableLong(rs.getObject("d_production_id")),
                    rs.getString("d_production"), nullableLong(rs.getObject("d_canary_id")), rs.getString("d_canary"),
                    rs.getObject("d_canary_pct") == null ? null : rs.getInt("d_canary_pct"),
                    ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "d_changed_at", ctx));
        }
        return new Found(rs.getString("f_body"), rs.getString("s_body"), version, report, training,
                hasVersion && rs.getLong("parent_count") > 0, deployed);
    };

    /** The lineage of a fill, in one statement; empty when no fill has this id. */
    public Optional<Found> fill(Handle handle, String fillId) {
        return handle.createQuery(FILL).bind("id", fillId).bind("trainingArtifact", TRAINING_DISTRIBUTION_ARTIFACT).map(FOUND).findOne();
    }

    /** The lineage of a signal, in one statement; empty when no signal has this id. */
    public Optional<Found> signal(Handle handle, String signalId) {
        return handle.createQuery(SIGNAL).bind("id", signalId).bind("trainingArtifact", TRAINING_DISTRIBUTION_ARTIFACT).map(FOUND).findOne();
    }

    /** The bodies of the first {@code limit} fills of a signal, in execution order. */
    public List<String> fillsOf(Handle handle, String signalId, int limit) {
        return handle.createQuery("""
                        SELECT body FROM fills WHERE signal_id = :id ORDER BY executed_at, fill_id LIMIT :limit""")
                .bind("id", signalId)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /**
     * Every edge below an ensemble, down to {@code maxDepth} edges from it, each with the consumed version. A child
     * shared by several consumers comes once per consumer. The DAG cannot have cycles (parents exist before their
     * consumer is registered); the depth bound guards the recursion anyway.
     */
    public List<ChildEdge> descendants(Handle handle, long rootVersionRowId, int maxDepth) {
        return handle.createQuery("""
                        WITH RECURSIVE tree (consumer_id, child_id, depth) AS (
                            SELECT e.version_id, e.parent_id, 1 FROM version_parents e WHERE e.version_id = :root
                            UNION
                            SELECT e.version_id, e.parent_id, tree.depth + 1
                            FROM version_parents e JOIN tree ON e.version_id = tree.child_id
                            WHERE tree.depth < :maxDepth
                        ),
                        edges AS (SELECT DISTINCT consumer_id, child_id FROM tree)
                        SELECT edges.consumer_id AS consumer_id, """ + VersionRows.COLUMNS + """
                        FROM edges
                        JOIN model_versions v ON v.id = edges.child_id
                        JOIN models m ON m.id = v.model_id
                        JOIN teams t ON t.id = m.owner_team_id
                        JOIN principals p ON p.id = v.registered_by
                        ORDER BY edges.consumer_id, v.version_id""")
                .bind("root", rootVersionRowId)
                .bind("maxDepth", maxDepth)
                .map((rs, ctx) -> new ChildEdge(rs.getLong("consumer_id"), VersionRows.VERSION.map(rs, ctx)))
                .list();
    }

    /**
     * The edges within {@code depth} of a version: {@link GraphDirection#UP} follows what it consumes (its parents),
     * {@link GraphDirection#DOWN} the ensembles that consume it. Each row names the node it reaches (the consumed
     * version going up, the consumer going down); an edge reached along paths of several lengths comes once per length.
     */
    public List<GraphEdge> graph(Handle handle, long rootVersionRowId, GraphDirection direction, int depth) {
        // Fixed fragments chosen by the enum, never user input.
        boolean up = direction == GraphDirection.UP;
        String anchor = up ? "e.version_id = :root" : "e.parent_id = :root";
        String step = up ? "e.version_id = w.parent_id" : "e.parent_id = w.consumer_id";
        String node = up ? "pv" : "cv";
        return handle.createQuery("""
                        WITH RECURSIVE walk (consumer_id, parent_id, depth) AS (
                            SELECT e.version_id, e.parent_id, 1 FROM version_parents e WHERE %s
                            UNION
                            SELECT e.version_id, e.parent_id, w.depth + 1
                            FROM version_parents e JOIN walk w ON %s
                            WHERE w.depth < :depth
                        )
                        SELECT cv.version_id AS from_id, pv.version_id AS to_id, w.depth AS depth,
                               %s.lineage_hash AS node_hash, %s.status AS node_status
                        FROM walk w
                        JOIN model_versions cv ON cv.id = w.consumer_id
                        JOIN model_versions pv ON pv.id = w.parent_id
                        ORDER BY w.depth, from_id, to_id""".formatted(anchor, step, node, node))
                .bind("root", rootVersionRowId)
                .bind("depth", depth)
                .map((rs, ctx) -> new GraphEdge(ModelId.parse(rs.getString("from_id")), ModelId.parse(rs.getString("to_id")),
                        rs.getInt("depth"), new LineageHash(rs.getString("node_hash")),
                        VersionStatus.fromWire(rs.getString("node_status"))))
                .list();
    }

    private static Long nullableLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
