package dev.modelregistry.server.model;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for models. */
public final class ModelStore {
    private static final String SELECT = """
            SELECT m.id, m.name, m.owner_team_id, t.name AS owner, m.description, p.name AS created_by, m.created_at
            FROM models m JOIN teams t ON t.id = m.owner_team_id JOIN principals p ON p.id = m.created_by
            """;

    private static final RowMapper<Model> MODEL = (rs, ctx) -> new Model(rs.getLong("id"), rs.getString("name"),
            rs.getLong("owner_team_id"), rs.getString("owner"), rs.getString("description"),
            rs.getString("created_by"), ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx));

    /**
     * Inserts the model unless one of that name exists. Returns whether this call created it; concurrent
     * first registrations of one model all succeed, and exactly one of them creates it.
     */
    public boolean insertIfAbsent(Handle handle, String name, long ownerTeamId, String description, long createdBy,
                                  Instant createdAt) {
        return handle.createUpdate("""
                        INSERT INTO models (name, owner_team_id, description, created_by, created_at, owner_activity_ms)
                        VALUES (:name, :ownerTeamId, :description, :createdBy, :createdAt, :activityMs)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("activityMs", createdAt.toEpochMilli())
                .bind("name", name)
                .bind("ownerTeamId", ownerTeamId)
                .bind("description", description)
                .bind("createdBy", createdBy)
                .bind("createdAt", createdAt)
                .execute() == 1;
    }

    public Optional<Model> findByName(Handle handle, String name) {
        return handle.createQuery(SELECT + "WHERE m.name = :name")
                .bind("name", name)
                .map(MODEL)
                .findOne();
    }

    public List<Model> page(Handle handle, String afterName, int limit) {
        return handle.createQuery(SELECT + "WHERE m.name > :after ORDER BY m.name LIMIT :limit")
                .bind("after", afterName)
                .bind("limit", limit)
                .map(MODEL)
                .list();
    }

    /** Records activity of the owner team (a version from one of its members, or a reassignment): the deprecation clock restarts. */
    public void recordOwnerActivity(Handle handle, long modelId, Instant at) {
        handle.createUpdate("UPDATE models SET owner_activity_ms = :ms WHERE id = :id AND owner_activity_ms < :ms")
                .bind("ms", at.toEpochMilli())
                .bind("id", modelId)
                .execute();
    }

    /** The next r{N} of this model for this UTC day; the upsert's row lock serialises only this model's day. */
    public int nextRevision(Handle handle, long modelId, String day) {
        return handle.createQuery("""
                        INSERT INTO model_day_counters (model_id, day, last_revision) VALUES (:modelId, :day, 1)
                        ON CONFLICT (model_id, day) DO UPDATE SET last_revision = model_day_counters.last_revision + 1
                        RETURNING last_revision""")
                .bind("modelId", modelId)
                .bind("day", day)
                .mapTo(Integer.class)
                .one();
    }
}
