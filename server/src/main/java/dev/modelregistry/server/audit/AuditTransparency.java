package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.CompactRange;
import dev.modelregistry.core.audit.Merkle;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.db.Database;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What outsiders verify the log with: the latest signed checkpoint, the public log keys, the entries in leaf order
 * and inclusion and consistency proofs. Proofs are computed from the entries as they are stored now, never from a
 * stored hash, so an entry altered, removed or reordered in the database makes every proof over it fail.
 */
public final class AuditTransparency {
    /** The leaf of an index whose entry row is gone: no entry hashes to it, so no proof over it verifies. */
    private static final byte[] MISSING = Merkle.leafHash("missing audit entry".getBytes(StandardCharsets.UTF_8));
    /** Proofs hold every leaf hash in memory (32 bytes each). */
    private static final long MAX_TREE = 50_000_000;

    private final Database database;
    private final AuditTreeStore tree;

    public AuditTransparency(Database database, AuditTreeStore tree) {
        this.database = database;
        this.tree = tree;
    }

    /** The proof that an entry is the leaf {@code leafIndex} of the tree of {@code treeSize} leaves. */
    public record InclusionProof(long seq, long leafIndex, long treeSize, List<byte[]> hashes) {
    }

    /** The proof that the tree of {@code from} leaves is a prefix of the one of {@code to}, with the former's edge. */
    public record ConsistencyProof(long from, long to, List<byte[]> hashes, CompactRange fromRange) {
    }

    public String checkpoint() {
        return database.withHandle(h -> tree.latestCheckpoint(h)).map(AuditTreeStore.StoredCheckpoint::note)
                .orElseThrow(() -> RegistryException.notFound("audit checkpoint (the first follows within seconds)"));
    }

    public List<AuditTreeStore.LogKey> keys() {
        return database.withHandle(tree::keys);
    }

    /** Integrated entries from leaf {@code from} on, up to the latest checkpoint's size. */
    public List<AuditTreeStore.IndexedEntry> leaves(long from, int limit) {
        return database.inSnapshot(h -> tree.leaves(h, from, treeSize(h), limit));
    }

    public InclusionProof inclusion(long seq, long size) {
        return database.inSnapshot(h -> {
            checkSize(h, "size", size, 1);
            long index = tree.leafIndexOf(h, seq).filter(i -> i < size).orElseThrow(() -> RegistryException.invalid(
                    "seq", "entry " + seq + " is not among the first " + size + " leaves of the audit tree"));
            byte[][] leaves = leafHashes(h, size);
            return new InclusionProof(seq, index, size, Merkle.inclusionProof(leaves, (int) index, (int) size));
        });
    }

    public ConsistencyProof consistency(long from, long to) {
        return database.inSnapshot(h -> {
            checkSize(h, "to", to, 1);
            if (from < 1 || from > to) {
                throw RegistryException.invalid("from", "must be between 1 and to (" + to + ")");
            }
            byte[][] leaves = leafHashes(h, to);
            return new ConsistencyProof(from, to, Merkle.consistencyProof(leaves, (int) from, (int) to),
                    CompactRange.over(leaves, (int) from));
        });
    }

    private void checkSize(Handle handle, String field, long size, long min) {
        long current = treeSize(handle);
        if (size < min || size > current) {
            throw RegistryException.invalid(field, "must be between " + min + " and the checkpoint's tree size "
                    + current);
        }
        if (size > MAX_TREE) {
            throw RegistryException.invalid(field, "proofs are served for trees of at most " + MAX_TREE + " leaves");
        }
    }

    private long treeSize(Handle handle) {
        return tree.latestCheckpoint(handle).map(AuditTreeStore.StoredCheckpoint::treeSize).orElse(0L);
    }

    private byte[][] leafHashes(Handle handle, long size) {
        byte[][] leaves = new byte[(int) size][];
        tree.scanLeaves(handle, size, (index, entry) -> {
            if (index >= 0 && index < size) {
                leaves[(int) (long) index] = entry == null ? null : entry.leaf().leafHash();
            }
        });
        for (int i = 0; i < leaves.length; i++) {
            if (leaves[i] == null) {
                leaves[i] = MISSING;
            }
        }
        return leaves;
    }
}
