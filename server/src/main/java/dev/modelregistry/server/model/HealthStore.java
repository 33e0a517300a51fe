package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.config.OwnershipConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads (never writes) every model's health, derived in SQL from timestamps, so the answer is right without any job having run:
 * an owning team with no members makes an orphan at once; otherwise the time since the owner team's last activity
 * is compared with the model's thresholds (or the global ones). Times are compared as epoch milliseconds, which
 * both databases do with plain arithmetic.
 */
public final class HealthStore {
    private static final String STATE = """
            CASE
                WHEN NOT EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = m.owner_team_id) THEN 'orphan'
                WHEN m.owner_activity_ms + COALESCE(m.orphan_after_ms, :orphanMs) <= :nowMs THEN 'orphan'
                WHEN m.owner_activity_ms + COALESCE(m.expire_after_ms, :expireMs) <= :nowMs THEN 'expired'
                WHEN m.owner_activity_ms + COALESCE(m.warn_after_ms, :warnMs) <= :nowMs THEN 'warning'
                ELSE 'ok'
            END""";

    /**
     * The health columns {@link #mapper()} reads besides {@code id}, {@code name} and {@code owner}, of a model
     * {@code m} joined with its owner team {@code t}; bind them with {@link #bind}.
     */
    public static final String COLUMNS = "m.owner_activity_ms, "
            + "COALESCE(m.warn_after_ms, :warnMs) AS warn_ms, COALESCE(m.expire_after_ms, :expireMs) AS expire_ms, "
            + "COALESCE(m.orphan_after_ms, :orphanMs) AS orphan_ms, t.emptied_at, t.created_at AS team_created_at, "
            + "CASE WHEN EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = m.owner_team_id) THEN 0 ELSE 1 END"
            + " AS team_empty, " + STATE + " AS state";

    /**
     * Every model's derived health, one row per model (columns the {@link #mapper()} reads, plus {@code id} and
     * {@code name}); bind it with {@link #bind}. Public so that the ownership feature's sweeper can compare it with
     * the state it last audited in one statement.
     */
    public static final String SELECT = "SELECT m.id, m.name, t.name AS owner, " + COLUMNS
            + " FROM models m JOIN teams t ON t.id = m.owner_team_id ";

    /** That model {@code m} (with its owner team {@code t}) is in the health state bound as {@code :state}. */
    static final String IN_STATE = "(" + STATE + ") = :state";

    private final OwnershipConfig defaults;

    public HealthStore(OwnershipConfig defaults) {
        this.defaults = defaults;
    }

    public Optional<ModelHealth> of(Handle handle, long modelRowId, Instant now) {
        return bind(handle.createQuery(SELECT + "WHERE m.id = :modelId"), now)
                .bind("modelId", modelRowId)
                .map(mapper())
                .findOne();
    }

    /** Models in a given state, by name, after {@code afterName}. */
    public List<ModelHealth> page(Handle handle, Health state, String afterName, int limit, Instant now) {
        return bind(handle.createQuery("SELECT * FROM (" + SELECT + ") h WHERE h.state = :state AND h.name > :after "
                        + "ORDER BY h.name LIMIT :limit"), now)
                .bind("state", state.wire())
                .bind("after", afterName)
                .bind("limit", limit)
                .map(mapper())
                .list();
    }

    private Query bind(Query query, Instant now) {
        return bind(query, defaults, now);
    }

    /** Binds the clock and the global thresholds that {@link #SELECT} compares with. */
    public static Query bind(Query query, OwnershipConfig defaults, Instant now) {
        return query.bind("nowMs", now.toEpochMilli())
                .bind("warnMs", defaults.warnAfter().toMillis())
                .bind("expireMs", defaults.expireAfter().toMillis())
                .bind("orphanMs", defaults.orphanAfter().toMillis());
    }

    /** Maps a row of {@link #SELECT} to the model's health. */
    public static RowMapper<ModelHealth> mapper() {
        return (rs, ctx) -> {
            var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
            Health state = Health.fromWire(rs.getString("state"));
            long activity = rs.getLong("owner_activity_ms");
            Instant expires = Instant.ofEpochMilli(activity + rs.getLong("expire_ms"));
            Instant sunset = Instant.ofEpochMilli(activity + rs.getLong("orphan_ms"));
            Instant since;
            String reason;
            switch (state) {
                case ORPHAN -> {
                    if (rs.getInt("team_empty") == 1) {
                        Instant emptied = instants.map(rs, "emptied_at", ctx);
                        since = emptied != null ? emptied : instants.map(rs, "team_created_at", ctx);
                        reason = "team emptied: " + rs.getString("owner") + " has no members";
                    } else {
                        since = sunset;
                        reason = "ownership released: no new version from " + rs.getString("owner") + " since "
                                + Instant.ofEpochMilli(activity);
                    }
                }
                case EXPIRED -> {
                    since = expires;
                    reason = "no new version from the owner team since " + Instant.ofEpochMilli(activity);
                }
                case WARNING -> {
                    since = Instant.ofEpochMilli(activity + rs.getLong("warn_ms"));
                    reason = "no new version from the owner team since " + Instant.ofEpochMilli(activity);
                }
                default -> {
                    since = Instant.ofEpochMilli(activity);
                    reason = null;
                }
            }
            return new ModelHealth(rs.getLong("id"), new ModelName(rs.getString("name")), rs.getString("owner"), state, since, reason,
                    expires, sunset);
        };
    }
}
