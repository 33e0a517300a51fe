package dev.modelregistry.server.audit;

import dev.modelregistry.server.db.Database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes every chain from its genesis and compares it with what is stored: an edited entry breaks its own
 * hash, a deleted or reordered one breaks the chain_seq sequence or the next prev_hash, and entries cut from the
 * end of a chain no longer match the chain's recorded head.
 */
public final class AuditVerifier {
    private static final int MAX_PROBLEMS = 100;

    private final Database database;
    private final AuditStore store;

    public AuditVerifier(Database database, AuditStore store) {
        this.database = database;
        this.store = store;
    }

    public AuditVerification verify() {
        return database.inSnapshot(handle -> {
            Map<String, AuditStore.ChainHead> heads = store.heads(handle);
            ChainWalk walk = new ChainWalk();
            store.scanByChain(handle, walk::accept);
            walk.finishChain();
            for (AuditStore.ChainHead head : heads.values()) {
                ChainWalk.Tail tail = walk.tails.get(head.chain());
                if (tail == null && head.entries() > 0) {
                    walk.problem(head.chain(), 1, 0, "chain has no entries but its head records " + head.entries());
                } else if (tail != null && (tail.length() != head.entries() || !tail.hash().equals(head.headHash()))) {
                    walk.problem(head.chain(), tail.length() + 1, 0,
                            "chain ends at entry " + tail.length() + " but its head records " + head.entries()
                                    + " entries: entries were removed from its end or the head was altered");
                }
            }
            for (String chain : walk.tails.keySet()) {
                if (!heads.containsKey(chain)) {
                    walk.problem(chain, 1, 0, "chain has entries but no recorded head");
                }
            }
            return new AuditVerification(walk.problems.isEmpty(), walk.entries, walk.tails.size(),
                    List.copyOf(walk.problems));
        });
    }

    /** Walks the entries of each chain in order, remembering where each chain ended. */
    private static final class ChainWalk {
        record Tail(long length, String hash) {
        }

        final Map<String, Tail> tails = new HashMap<>();
        final List<AuditVerification.Problem> problems = new ArrayList<>();
        private final Set<String> reported = new HashSet<>();
        long entries;
        private String chain;
        private long expectedSeq;
        private String prevHash;

        void accept(AuditEntry entry) {
            entries++;
            if (!entry.chain().equals(chain)) {
                finishChain();
                chain = entry.chain();
                expectedSeq = 1;
                prevHash = AuditHashing.GENESIS;
            }
            if (entry.chainSeq() != expectedSeq) {
                problem(chain, expectedSeq, entry.seq(), "expected chain entry " + expectedSeq + " but found "
                        + entry.chainSeq() + ": an entry was deleted or reordered");
            }
            if (!entry.prevHash().equals(prevHash)) {
                problem(chain, entry.chainSeq(), entry.seq(), "prev_hash does not match the previous entry's hash");
            }
            String recomputed = AuditHashing.entryHash(entry.chain(), entry.chainSeq(), entry.occurredAt(),
                    entry.actor(), entry.action(), entry.subject(), entry.detailJson(), entry.requestId(),
                    entry.prevHash());
            if (!recomputed.equals(entry.entryHash())) {
                problem(chain, entry.chainSeq(), entry.seq(), "entry content does not match its hash: it was modified");
            }
            expectedSeq = entry.chainSeq() + 1;
            prevHash = entry.entryHash();
        }

        void finishChain() {
            if (chain != null) {
                tails.put(chain, new Tail(expectedSeq - 1, prevHash));
            }
        }

        void problem(String chainName, long chainSeq, long seq, String reason) {
            if (problems.size() < MAX_PROBLEMS && reported.add(chainName + "#" + chainSeq + "#" + reason)) {
                problems.add(new AuditVerification.Problem(chainName, chainSeq, seq, reason));
            }
        }
    }
}
