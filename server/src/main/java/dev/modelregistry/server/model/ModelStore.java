package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.ModelName;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** SQL for models and their per-day revision counters. The only writer of {@code models} and {@code model_day_counters}. */
public final class ModelStore {
    private static final String SELECT = """
            SELECT m.id, m.name, m.owner_team_id, t.name AS owner, m.description, p.name AS created_by, m.created_at
            FROM models m JOIN teams t ON t.id = m.owner_team_id JOIN principals p ON p.id = m.created_by
            """;

    static final RowMapper<Model> MODEL = (rs, ctx) -> new Model(rs.getLong("id"), new ModelName(rs.getString("name")),
            rs.getLong("owner_team_id"), rs.getString("owner"), rs.getString("description"),
            rs.getString("created_by"), ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx));

    /**
     * Inserts the model unless one of that name exists. Returns whether this call created it; concurrent
     * first registrations of one model all succeed, and exactly one of them creates it.
     */
    public boolean insertIfAbsent(Handle handle, ModelName name, long ownerTeamRowId, String description,
                                  long createdByRowId, Instant createdAt) {
        return handle.createUpdate("""
                        INSERT INTO models (name, owner_team_id, description, created_by, created_at, owner_activity_ms)
                        VALUES (:name, :ownerTeamId, :description, :createdBy, :createdAt, :activityMs)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("activityMs", createdAt.toEpochMilli())
                .bind("name", name.value())
                .bind("ownerTeamId", ownerTeamRowId)
                .bind("description", description)
                .bind("createdBy", createdByRowId)
                .bind("createdAt", createdAt)
                .execute() == 1;
    }

    public Optional<Model> findByName(Handle handle, ModelName name) {
        return handle.createQuery(SELECT + "WHERE m.name = :name")
                .bind("name", name.value())
                .map(MODEL)
                .findOne();
    }

    /** Records activity of the owner team (a version from one of its members, or a reassignment): the deprecation clock restarts. */
    public void recordOwnerActivity(Handle handle, long modelRowId, Instant at) {
        handle.createUpdate("UPDATE models SET owner_activity_ms = :ms WHERE id = :id AND owner_activity_ms < :ms")
                .bind("ms", at.toEpochMilli())
                .bind("id", modelRowId)
                .execute();
    }

    /** Gives the model to another team; its deprecation clock restarts at {@code at}. */
    public void changeOwner(Handle handle, long modelRowId, long teamRowId, Instant at) {
        handle.createUpdate("UPDATE models SET owner_team_id = :team, owner_activity_ms = :ms WHERE id = :id")
                .bind("team", teamRowId)
                .bind("ms", at.toEpochMilli())
                .bind("id", modelRowId)
                .execute();
    }

    /** Sets the model's own thresholds; an empty one is stored as NULL, which means the global default. */
    public void setDeprecationPolicy(Handle handle, long modelRowId, DeprecationPolicy policy) {
        handle.createUpdate("""
                        UPDATE models SET warn_after_ms = :warn, expire_after_ms = :expire, orphan_after_ms = :orphan
                        WHERE id = :id""")
                .bind("warn", policy.warnAfter().map(Duration::toMillis).orElse(null))
                .bind("expire", policy.expireAfter().map(Duration::toMillis).orElse(null))
                .bind("orphan", policy.orphanAfter().map(Duration::toMillis).orElse(null))
                .bind("id", modelRowId)
                .execute();
    }

    /**
     * Takes the model row's lock for the rest of the transaction (a no-op UPDATE, the same SQL on both databases),
     * so that changes to one model's deployment are applied one after the other on any number of instances.
     */
    public void lock(Handle handle, long modelRowId) {
        handle.createUpdate("UPDATE models SET name = name WHERE id = :id").bind("id", modelRowId).execute();
    }

    /** The next r{N} of this model for this UTC day; the upsert's row lock serialises only this model's day. */
    public int nextRevision(Handle handle, long modelRowId, String day) {
        return handle.createQuery("""
                        INSERT INTO model_day_counters (model_id, day, last_revision) VALUES (:modelId, :day, 1)
                        ON CONFLICT (model_id, day) DO UPDATE SET last_revision = model_day_counters.last_revision + 1
                        RETURNING last_revision""")
                .bind("modelId", modelRowId)
                .bind("day", day)
                .mapTo(Integer.class)
                .one();
    }
}
