package dev.modelregistry.server.artifact;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

/**
 * SQL for {@code blobs}, the registry's record of each stored blob's state; its only writer. The row of a blob is
 * what an upload and the collector both write, so the database orders them: whichever commits second sees the
 * other's state.
 */
public final class BlobRecordStore {
    /**
     * Marks a blob live for an artifact row written in the same transaction; false when the collector has already
     * claimed it for deletion (its bytes may be gone by now, so the upload must not name them).
     */
    public boolean markLive(Handle handle, String sha256, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO blobs (sha256, state, touched_at) VALUES (:sha, 'live', :now)
                        ON CONFLICT (sha256) DO UPDATE SET touched_at = :now WHERE blobs.state = 'live'""")
                .bind("sha", sha256)
                .bind("now", now)
                .execute() == 1;
    }

    /**
     * Claims a blob for deletion: one with no record yet, or a live one untouched since {@code cutoff}. The caller
     * must still check, in the same transaction, that no artifact row names it.
     */
    public boolean claimForDeletion(Handle handle, String sha256, Instant cutoff, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO blobs (sha256, state, touched_at) VALUES (:sha, 'deleting', :now)
                        ON CONFLICT (sha256) DO UPDATE SET state = 'deleting', touched_at = :now
                        WHERE blobs.state = 'live' AND blobs.touched_at < :cutoff""")
                .bind("sha", sha256)
                .bind("now", now)
                .bind("cutoff", cutoff)
                .execute() == 1;
    }

    /** Whether any artifact row names the blob (a fresh statement: it sees rows committed meanwhile). */
    public boolean isReferenced(Handle handle, String sha256) {
        return handle.createQuery("SELECT COUNT(*) FROM artifacts WHERE sha256 = :sha")
                .bind("sha", sha256)
                .mapTo(Long.class)
                .one() > 0;
    }

    /** Undoes a claim whose blob turned out to be named by an artifact row after all. */
    public void revive(Handle handle, String sha256, Instant now) {
        handle.createUpdate("UPDATE blobs SET state = 'live', touched_at = :now WHERE sha256 = :sha")
                .bind("sha", sha256)
                .bind("now", now)
                .execute();
    }

    /** Blobs claimed for deletion whose bytes may still be there (a collector stopped between the two steps). */
    public List<String> deleting(Handle handle) {
        return handle.createQuery("SELECT sha256 FROM blobs WHERE state = 'deleting' ORDER BY sha256")
                .mapTo(String.class)
                .list();
    }

    /** Drops the record of a blob whose bytes were deleted. */
    public void forget(Handle handle, String sha256) {
        handle.createUpdate("DELETE FROM blobs WHERE sha256 = :sha AND state = 'deleting'")
                .bind("sha", sha256)
                .execute();
    }
}
