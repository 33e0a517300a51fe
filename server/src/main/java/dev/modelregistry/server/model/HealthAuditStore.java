package dev.modelregistry.server.model;

import dev.modelregistry.server.config.OwnershipConfig;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * SQL for {@code model_health}, the last health state the sweeper audited for each model (its only writer). The
 * derived health it is compared with is the model feature's {@link HealthStore#SELECT}, read in the same statement.
 */
public final class HealthAuditStore {
    private final OwnershipConfig defaults;

    public HealthAuditStore(OwnershipConfig defaults) {
        this.defaults = defaults;
    }

    /** A model whose health changed since the last audit. */
    public record Transition(ModelHealth now, Health audited) {
    }

    /** Models whose derived state differs from the last one the sweeper audited (none audited counts as ok). */
    public List<Transition> transitions(Handle handle, Instant now, int limit) {
        return HealthStore.bind(handle.createQuery("SELECT h.*, COALESCE(mh.state, 'ok') AS audited FROM ("
                        + HealthStore.SELECT + ") h LEFT JOIN model_health mh ON mh.model_id = h.id "
                        + "WHERE h.state <> COALESCE(mh.state, 'ok') ORDER BY h.id LIMIT :limit"), defaults, now)
                .bind("limit", limit)
                .map((rs, ctx) -> new Transition(HealthStore.mapper().map(rs, ctx), Health.fromWire(rs.getString("audited"))))
                .list();
    }

    /**
     * Records the new state only if the audited one is still {@code from}: of several sweepers, exactly one wins
     * each transition and writes its audit entry.
     */
    public boolean claimTransition(Handle handle, long modelRowId, Health from, ModelHealth to) {
        int changed = handle.createUpdate("UPDATE model_health SET state = :to, since = :since WHERE model_id = :id AND state = :from")
                .bind("to", to.state().wire())
                .bind("since", to.since())
                .bind("id", modelRowId)
                .bind("from", from.wire())
                .execute();
        if (changed == 1 || from != Health.OK) {
            return changed == 1;
        }
        return handle.createUpdate("""
                        INSERT INTO model_health (model_id, state, since) VALUES (:id, :to, :since)
                        ON CONFLICT (model_id) DO NOTHING""")
                .bind("id", modelRowId)
                .bind("to", to.state().wire())
                .bind("since", to.since())
                .execute() == 1;
    }
}
