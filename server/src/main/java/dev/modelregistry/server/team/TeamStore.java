package dev.modelregistry.server.team;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for teams and their members. */
public final class TeamStore {
    public Team insert(Handle handle, String name, Instant createdAt) {
        long id = handle.createQuery("INSERT INTO teams (name, created_at) VALUES (:name, :createdAt) RETURNING id")
                .bind("name", name)
                .bind("createdAt", createdAt)
                .mapTo(Long.class)
                .one();
        return new Team(id, name, List.of(), createdAt);
    }

    public Optional<Team> findByName(Handle handle, String name) {
        return handle.createQuery("SELECT id, name, created_at FROM teams WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Team(rs.getLong("id"), rs.getString("name"), members(handle, rs.getLong("id")),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx)))
                .findOne();
    }

    public List<Team> page(Handle handle, String afterName, int limit) {
        List<Team> bare = handle.createQuery("""
                        SELECT id, name, created_at FROM teams WHERE name > :after ORDER BY name LIMIT :limit""")
                .bind("after", afterName)
                .bind("limit", limit)
                .map((rs, ctx) -> new Team(rs.getLong("id"), rs.getString("name"), List.of(),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx)))
                .list();
        return bare.stream().map(t -> new Team(t.rowId(), t.name(), members(handle, t.rowId()), t.createdAt())).toList();
    }

    public List<String> members(Handle handle, long teamRowId) {
        return handle.createQuery("""
                        SELECT p.name FROM team_members m JOIN principals p ON p.id = m.principal_id
                        WHERE m.team_id = :teamId ORDER BY p.name""")
                .bind("teamId", teamRowId)
                .mapTo(String.class)
                .list();
    }

    /** Returns false when the principal already was a member. */
    public boolean addMember(Handle handle, long teamRowId, long principalRowId, Instant addedAt) {
        return handle.createUpdate("""
                        INSERT INTO team_members (team_id, principal_id, added_at) VALUES (:teamId, :principalId, :addedAt)
                        ON CONFLICT (team_id, principal_id) DO NOTHING""")
                .bind("teamId", teamRowId)
                .bind("principalId", principalRowId)
                .bind("addedAt", addedAt)
                .execute() == 1;
    }

    /** Returns false when the principal was not a member. */
    public boolean removeMember(Handle handle, long teamRowId, long principalRowId) {
        return handle.createUpdate("DELETE FROM team_members WHERE team_id = :teamId AND principal_id = :principalId")
                .bind("teamId", teamRowId)
                .bind("principalId", principalRowId)
                .execute() == 1;
    }

    /** Records when a team lost its last member (its models are orphans from then on), or clears it. */
    public void updateEmptiedAt(Handle handle, long teamRowId, Instant now) {
        handle.createUpdate("""
                        UPDATE teams SET emptied_at = CASE
                            WHEN EXISTS (SELECT 1 FROM team_members WHERE team_id = :teamId) THEN NULL
                            ELSE COALESCE(emptied_at, :now) END
                        WHERE id = :teamId""")
                .bind("teamId", teamRowId)
                .bind("now", now)
                .execute();
    }

    public boolean isMember(Handle handle, long teamRowId, long principalRowId) {
        return handle.createQuery("""
                        SELECT COUNT(*) FROM team_members WHERE team_id = :teamId AND principal_id = :principalId""")
                .bind("teamId", teamRowId)
                .bind("principalId", principalRowId)
                .mapTo(Long.class)
                .one() > 0;
    }
}
