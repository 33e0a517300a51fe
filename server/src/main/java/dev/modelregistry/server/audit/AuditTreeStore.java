package dev.modelregistry.server.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * SQL for the Merkle tree over the audit log: the public log keys, the leaf index of each integrated entry and the
 * signed checkpoints. Nothing here is trusted by a verifier: leaves are always recomputed from the entries.
 */
public final class AuditTreeStore {
    private static final String ENTRY_COLUMNS = """
            a.seq, a.chain, a.chain_seq, a.occurred_at, a.actor, a.action, a.subject, a.detail, a.request_id,
            a.prev_hash, a.entry_hash, a.key_id, a.signature""";

    /** A published log key: its id and its raw public key in base64. */
    public record LogKey(String keyId, String publicKey, Instant addedAt) {
    }

    /** A checkpoint as stored: its signed note and the tree's compact range (base64 hashes). */
    public record StoredCheckpoint(long treeSize, String note, String compactRange) {
    }

    /** An entry with the leaf index the integrator gave it. */
    public record IndexedEntry(long leafIndex, AuditEntry entry) {
    }

    public void registerKey(Handle handle, AuditLogKey key, Instant now) {
        handle.createUpdate("""
                        INSERT INTO audit_log_keys (key_id, public_key, added_at) VALUES (:id, :key, :now)
                        ON CONFLICT (key_id) DO NOTHING""")
                .bind("id", key.keyId())
                .bind("key", key.publicKeyBase64())
                .bind("now", now)
                .execute();
    }

    public List<LogKey> keys(Handle handle) {
        return handle.createQuery("SELECT key_id, public_key, added_at FROM audit_log_keys ORDER BY added_at, key_id")
                .map((rs, ctx) -> new LogKey(rs.getString("key_id"), rs.getString("public_key"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "added_at", ctx)))
                .list();
    }

    public Optional<StoredCheckpoint> latestCheckpoint(Handle handle) {
        return handle.createQuery("""
                        SELECT tree_size, note, compact_range FROM audit_checkpoints
                        ORDER BY tree_size DESC LIMIT 1""")
                .map((rs, ctx) -> new StoredCheckpoint(rs.getLong("tree_size"), rs.getString("note"),
                        rs.getString("compact_range")))
                .findOne();
    }

    public void insertCheckpoint(Handle handle, StoredCheckpoint checkpoint, Instant now) {
        handle.createUpdate("""
                        INSERT INTO audit_checkpoints (tree_size, note, compact_range, published_at)
                        VALUES (:size, :note, :range, :now)""")
                .bind("size", checkpoint.treeSize())
                .bind("note", checkpoint.note())
                .bind("range", checkpoint.compactRange())
                .bind("now", now)
                .execute();
    }

    /** Entries after the newest integrated one, oldest first: the ordinary growth of the tree, a cheap range scan. */
    public List<AuditEntry> pendingAfterNewestLeaf(Handle handle, int limit) {
        return handle.createQuery("SELECT " + ENTRY_COLUMNS + """
                         FROM audit_log a
                        WHERE a.seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_leaves)
                        ORDER BY a.seq LIMIT :limit""")
                .bind("limit", limit)
                .map(AuditStore.ENTRY)
                .list();
    }

    /** When the oldest entry after the newest leaf was written, if any: how far the tree lags behind the log. */
    public Optional<Instant> oldestPendingAt(Handle handle) {
        return handle.createQuery("""
                        SELECT MIN(occurred_at) FROM audit_log
                         WHERE seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_leaves)""")
                .mapTo(Instant.class)
                .findOne();
    }

    /**
     * Entries below the newest leaf that are not in the tree: on PostgreSQL a transaction can commit its entry
     * after one with a larger seq was integrated. Only leaves integrated since {@code settledBefore} need checking
     * around; before that every transaction that held a smaller seq has long ended.
     */
    public List<AuditEntry> latecomers(Handle handle, Instant settledBefore, int limit) {
        return handle.createQuery("SELECT " + ENTRY_COLUMNS + """
                         FROM audit_log a
                        WHERE a.seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_leaves WHERE integrated_at < :settled)
                          AND a.seq < (SELECT COALESCE(MAX(seq), 0) FROM audit_leaves)
                          AND NOT EXISTS (SELECT 1 FROM audit_leaves l WHERE l.seq = a.seq)
                        ORDER BY a.seq LIMIT :limit""")
                .bind("settled", settledBefore)
                .bind("limit", limit)
                .map(AuditStore.ENTRY)
                .list();
    }

    /** Gives {@code entries} the leaf indexes {@code firstIndex}, {@code firstIndex + 1}, … in order. */
    public void insertLeaves(Handle handle, long firstIndex, List<AuditEntry> entries, Instant now) {
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO audit_leaves (leaf_index, seq, integrated_at) VALUES (:index, :seq, :now)");
        long index = firstIndex;
        for (AuditEntry entry : entries) {
            batch.bind("index", index++).bind("seq", entry.seq()).bind("now", now).add();
        }
        batch.execute();
    }

    public Optional<Long> leafIndexOf(Handle handle, long seq) {
        return handle.createQuery("SELECT leaf_index FROM audit_leaves WHERE seq = :seq")
                .bind("seq", seq)
                .mapTo(Long.class)
                .findOne();
    }

    /**
     * The leaves below {@code size} in index order, each with its entry, or with null when the entry row is gone;
     * streamed, so the verifier needs no more memory than the tree's edge.
     */
    public void scanLeaves(Handle handle, long size, BiConsumer<Long, AuditEntry> consumer) {
        handle.createQuery("SELECT l.leaf_index AS leaf_index, " + ENTRY_COLUMNS + """
                         FROM audit_leaves l LEFT JOIN audit_log a ON a.seq = l.seq
                        WHERE l.leaf_index < :size ORDER BY l.leaf_index""")
                .bind("size", size)
                .setFetchSize(1000)
                .map((rs, ctx) -> {
                    rs.getLong("seq");
                    AuditEntry entry = rs.wasNull() ? null : AuditStore.ENTRY.map(rs, ctx);
                    return new IndexedEntry(rs.getLong("leaf_index"), entry);
                })
                .useStream(stream -> stream.forEach(e -> consumer.accept(e.leafIndex(), e.entry())));
    }

    /** Integrated entries with leaf index in {@code [from, to)}, in index order, at most {@code limit}. */
    public List<IndexedEntry> leaves(Handle handle, long from, long to, int limit) {
        return handle.createQuery("SELECT l.leaf_index AS leaf_index, " + ENTRY_COLUMNS + """
                         FROM audit_leaves l JOIN audit_log a ON a.seq = l.seq
                        WHERE l.leaf_index >= :from AND l.leaf_index < :to ORDER BY l.leaf_index LIMIT :limit""")
                .bind("from", from)
                .bind("to", to)
                .bind("limit", limit)
                .map((rs, ctx) -> new IndexedEntry(rs.getLong("leaf_index"), AuditStore.ENTRY.map(rs, ctx)))
                .list();
    }

    /**
     * Unsigned entries outside the legacy prefix: entries written before signing began are unsigned, and they
     * entered the tree before the first signed one. Any other unsigned entry was written behind the server's back.
     */
    public List<Long> unsignedOutsideLegacyPrefix(Handle handle, int limit) {
        return handle.createQuery("""
                        SELECT a.seq FROM audit_log a LEFT JOIN audit_leaves l ON l.seq = a.seq
                         WHERE a.signature IS NULL
                           AND (l.leaf_index IS NULL OR l.leaf_index > (
                                SELECT MIN(l2.leaf_index) FROM audit_leaves l2 JOIN audit_log a2 ON a2.seq = l2.seq
                                 WHERE a2.signature IS NOT NULL))
                         ORDER BY a.seq LIMIT :limit""")
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
    }
}
