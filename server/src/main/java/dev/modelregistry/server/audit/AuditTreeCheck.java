package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.core.audit.Checkpoint;
import dev.modelregistry.core.audit.CompactRange;
import org.jdbi.v3.core.Handle;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a full verification that concerns the Merkle tree: the latest checkpoint is signed by a published log
 * key, and the entries, rehashed in leaf order, fold to its root. Streams the leaves, keeping only the tree's edge.
 */
final class AuditTreeCheck {
    private final AuditTreeStore tree;
    private final Map<String, PublicKey> keys;

    AuditTreeCheck(AuditTreeStore tree, Map<String, PublicKey> keys) {
        this.tree = tree;
        this.keys = keys;
    }

    static Map<String, PublicKey> publishedKeys(List<AuditTreeStore.LogKey> keys) {
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (AuditTreeStore.LogKey key : keys) {
            try {
                byId.put(key.keyId(), AuditSignatures.publicKey(key.publicKey()));
            } catch (IllegalArgumentException e) {
                // A key row that is no key verifies nothing; the entries it would cover are reported instead.
            }
        }
        return byId;
    }

    /** What does not hold, as reasons; empty when the tree matches its checkpoint (or there is none yet). */
    List<String> check(Handle handle) {
        Optional<AuditTreeStore.StoredCheckpoint> stored = tree.latestCheckpoint(handle);
        if (stored.isEmpty()) {
            return List.of();
        }
        Optional<Checkpoint> checkpoint = Checkpoint.parse(stored.get().note());
        if (checkpoint.isEmpty()) {
            return List.of("the latest checkpoint is not a signed note: it was altered");
        }
        List<String> problems = new ArrayList<>();
        if (keys.values().stream().noneMatch(checkpoint.get()::signedBy)) {
            problems.add("the latest checkpoint (tree size " + checkpoint.get().size()
                    + ") is not signed by a published log key");
        }
        long size = checkpoint.get().size();
        CompactRange range = CompactRange.empty();
        long[] gaps = {0};
        tree.scanLeaves(handle, size, (index, entry) -> {
            if (index != range.size() || entry == null) {
                gaps[0]++;
            }
            range.append(entry == null ? new byte[32] : entry.leaf().leafHash());
        });
        if (gaps[0] > 0 || range.size() != size || !Arrays.equals(range.root(), checkpoint.get().root())) {
            problems.add("the entries no longer hash to the signed checkpoint of tree size " + size + " (" + gaps[0]
                    + " leaves missing or out of place): integrated entries were altered, removed or reordered");
        }
        return problems;
    }
}
