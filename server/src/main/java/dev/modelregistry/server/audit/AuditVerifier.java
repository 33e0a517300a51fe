package dev.modelregistry.server.audit;

import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.server.db.Database;

import java.security.PublicKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes every chain from its genesis and compares it with what is stored: an edited entry breaks its own
 * hash, a deleted or reordered one breaks the chain_seq sequence or the next prev_hash, and entries cut from the
 * end of a chain no longer match the chain's recorded head. Each entry's signature must verify with a published log
 * key, and the entries in leaf order must still hash to the root of the latest signed checkpoint
 * ({@link AuditTreeCheck}), which catches what a forger with the database can redo: recomputed hashes and heads.
 */
public final class AuditVerifier {
    private static final int MAX_PROBLEMS = 100;

    private final Database database;
    private final AuditStore store;
    private final AuditTreeStore tree;

    public AuditVerifier(Database database, AuditStore store, AuditTreeStore tree) {
        this.database = database;
        this.store = store;
        this.tree = tree;
    }

    public AuditVerification verify() {
        return database.inSnapshot(handle -> {
            Map<String, AuditStore.ChainHead> heads = store.heads(handle);
            Map<String, PublicKey> keys = AuditTreeCheck.publishedKeys(tree.keys(handle));
            ChainWalk walk = new ChainWalk(keys);
            store.scanByChain(handle, walk::accept);
            walk.finishChain();
            for (long seq : tree.unsignedOutsideLegacyPrefix(handle, MAX_PROBLEMS)) {
                walk.problem("?", 0, seq, "entry is not signed: it was written behind the server's back");
            }
            new AuditTreeCheck(tree, keys).check(handle).forEach(reason -> walk.problem("*", 0, 0, reason));
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
        private final Map<String, PublicKey> keys;
        final List<AuditVerification.Problem> problems = new ArrayList<>();
        private final Set<String> reported = new HashSet<>();
        long entries;
        private String chain;
        private long expectedSeq;
        private String prevHash;

        ChainWalk(Map<String, PublicKey> keys) {
            this.keys = keys;
        }

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
            checkSignature(entry, recomputed);
            expectedSeq = entry.chainSeq() + 1;
            prevHash = entry.entryHash();
        }

        /** Unsigned entries are checked apart: the legacy prefix written before entries were signed may be. */
        private void checkSignature(AuditEntry entry, String recomputed) {
            if (entry.signature() == null) {
                return;
            }
            PublicKey key = keys.get(entry.keyId());
            if (key == null) {
                problem(chain, entry.chainSeq(), entry.seq(), "entry is signed by an unknown log key " + entry.keyId());
            } else if (!AuditSignatures.verifyEntry(key, recomputed, entry.signature())) {
                problem(chain, entry.chainSeq(), entry.seq(),
                        "entry signature does not verify: it was written or rewritten without the log key");
            }
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
