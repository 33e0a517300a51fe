package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;

/**
 * How a version row is read: the columns and the row mapper that {@link VersionStore} uses, published so that the
 * lineage graph queries can join versions into one recursive statement and still read them the same way. Reading
 * only: {@link VersionStore} stays the one writer of {@code model_versions}.
 */
public final class VersionRows {
    private VersionRows() {
    }

    /**
     * The columns {@link #VERSION} reads, of a version joined as {@code v} with its model {@code m}, owner team
     * {@code t} and registering principal {@code p}.
     */
    public static final String COLUMNS = """
            v.id, v.version_id, m.name AS model, v.status, v.ready_at, v.lineage_hash, v.code_commit,
                   v.feature_graph_hash, v.data_window_start, v.data_window_end, v.hyperparams,
                   v.training_distribution, v.labels, v.evaluation_report_id, v.evaluation_objective,
                   t.name AS owner, p.name AS registered_by, v.registered_at
            """;

    /** Maps the {@link #COLUMNS} of a row to a version without its parents. */
    public static final RowMapper<Version> VERSION = (rs, ctx) -> {
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        String reportId = rs.getString("evaluation_report_id");
        String objective = rs.getString("evaluation_objective");
        return new Version(rs.getLong("id"), ModelId.parse(rs.getString("version_id")),
                new ModelName(rs.getString("model")), VersionStatus.fromWire(rs.getString("status")),
                instants.map(rs, "ready_at", ctx), new LineageHash(rs.getString("lineage_hash")),
                rs.getString("code_commit"), rs.getString("feature_graph_hash"),
                new DataWindow(rs.getString("data_window_start"), rs.getString("data_window_end")),
                rs.getString("hyperparams"), List.of(), rs.getString("training_distribution"), rs.getString("labels"),
                reportId == null && objective == null ? null : new Version.Evaluation(reportId, objective),
                rs.getString("owner"), rs.getString("registered_by"), instants.map(rs, "registered_at", ctx));
    };
}
