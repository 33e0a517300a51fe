package dev.modelregistry.server.acl;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/** SQL for the approver ACL. */
public final class ApproverStore {
    public List<Approver> list(Handle handle) {
        return handle.createQuery("""
                        SELECT p.name, a.added_at FROM approvers a JOIN principals p ON p.id = a.principal_id
                        ORDER BY p.name""")
                .map((rs, ctx) -> new Approver(rs.getString("name"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "added_at", ctx)))
                .list();
    }

    /** Returns false when the principal already was an approver. */
    public boolean add(Handle handle, long principalRowId, Instant addedAt) {
        return handle.createUpdate("""
                        INSERT INTO approvers (principal_id, added_at) VALUES (:principalId, :addedAt)
                        ON CONFLICT (principal_id) DO NOTHING""")
                .bind("principalId", principalRowId)
                .bind("addedAt", addedAt)
                .execute() == 1;
    }

    /** Returns false when the principal was not an approver. */
    public boolean remove(Handle handle, long principalRowId) {
        return handle.createUpdate("DELETE FROM approvers WHERE principal_id = :principalId")
                .bind("principalId", principalRowId)
                .execute() == 1;
    }

    public boolean isApprover(Handle handle, long principalRowId) {
        return handle.createQuery("SELECT COUNT(*) FROM approvers WHERE principal_id = :principalId")
                .bind("principalId", principalRowId)
                .mapTo(Long.class)
                .one() > 0;
    }
}
