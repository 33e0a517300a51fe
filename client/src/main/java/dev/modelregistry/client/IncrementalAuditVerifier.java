package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.audit.AuditLeaf;
import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.core.audit.Checkpoint;
import dev.modelregistry.core.audit.CompactRange;
import dev.modelregistry.core.audit.Merkle;
import dev.modelregistry.core.dsse.Ed25519Pem;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the audit log against a checkpoint the auditor kept: the current checkpoint must be signed by a published
 * log key, the RFC 9162 consistency proof must link the two signed roots, and the entries added since are rehashed
 * (entry hash, Ed25519 signature, Merkle leaf) and, with the kept tree's edge, must fold to the current root.
 *
 * <p>Nothing the registry says is taken on trust, not even its list of log keys: a database writer can add a key row
 * of their own and sign entries with it. The keys trusted are the ones the auditor brings: the key whose signature is
 * on the saved checkpoint (the auditor kept that note, so its signer is authentic) and any key pinned explicitly.
 * An entry or checkpoint signed by any other key, published or not, does not verify.
 */
final class IncrementalAuditVerifier {
    private static final int PAGE = 500;

    private final Transport transport;
    private final List<String> problems = new ArrayList<>();
    /** The keys the auditor vouches for: the saved checkpoint's signer and the pinned ones, by key id. */
    private final Map<String, PublicKey> keys = new HashMap<>();
    /** What the registry lists as its log keys: only used to say why an entry's key is not trusted. */
    private final Map<String, PublicKey> published = new HashMap<>();

    IncrementalAuditVerifier(Transport transport) {
        this.transport = transport;
    }

    /**
     * @param pinned log keys the auditor trusts besides the one that signed the saved checkpoint, e.g. each
     *               instance's key, recorded when it was set up
     */
    AuditCheck verify(String savedNote, Collection<PublicKey> pinned) {
        Optional<Checkpoint> saved = Checkpoint.parse(savedNote);
        if (saved.isEmpty()) {
            return result(0, 0, 0, "the saved file is not a signed checkpoint note");
        }
        trustKeys(saved.get(), pinned);
        String currentNote;
        try {
            currentNote = transport.getText("/audit/checkpoint");
        } catch (ProblemException e) {
            if (e.status() != 404) {
                throw e; // not an answer about the log (a refused token, the registry unavailable)
            }
            // A log that had a checkpoint cannot lose it: its checkpoints were deleted, which is a finding, not an error.
            return result(saved.get().size(), 0, 0, "the registry has no current checkpoint (" + e.getMessage()
                    + "): its checkpoints were removed");
        }
        Optional<Checkpoint> current = Checkpoint.parse(currentNote);
        if (current.isEmpty()) {
            return result(saved.get().size(), 0, 0, "the registry's checkpoint is not a signed note");
        }
        Checkpoint from = saved.get();
        Checkpoint to = current.get();
        requireSigned(from, "the saved checkpoint");
        requireSigned(to, "the current checkpoint");
        if (!from.origin().equals(to.origin())) {
            problems.add("the saved checkpoint is of another log: " + from.origin() + ", not " + to.origin());
        } else if (to.size() < from.size()) {
            problems.add("the log shrank from " + from.size() + " to " + to.size() + " leaves: entries were removed");
        } else {
            long checked = checkExtension(from, to);
            return result(from.size(), to.size(), checked, null, currentNote);
        }
        return result(from.size(), to.size(), 0, null, currentNote);
    }

    /** Trusts the pinned keys and whichever published key signed the saved checkpoint; notes what is published. */
    private void trustKeys(Checkpoint saved, Collection<PublicKey> pinned) {
        pinned.forEach(key -> keys.put(Ed25519Pem.keyId(key), key));
        transport.get("/audit/keys", Map.of()).body().path("items").forEach(k -> {
            PublicKey key = AuditSignatures.publicKey(k.path("public_key").asText());
            // A row whose id is not its key's is a forgery: list it under the id its key really has.
            published.put(Ed25519Pem.keyId(key), key);
            if (saved.signedBy(key)) {
                keys.put(Ed25519Pem.keyId(key), key);
            }
        });
    }

    private void requireSigned(Checkpoint checkpoint, String what) {
        if (keys.values().stream().noneMatch(checkpoint::signedBy)) {
            problems.add(what + " (tree size " + checkpoint.size() + ") is not signed by a trusted log key (the saved "
                    + "checkpoint's signer or a pinned key)");
        }
    }

    /** The consistency proof, then the leaves since, folded onto the old tree's edge; returns how many were checked. */
    private long checkExtension(Checkpoint from, Checkpoint to) {
        CompactRange range = CompactRange.empty();
        if (from.size() > 0) {
            JsonNode proof;
            try {
                proof = transport.get("/audit/proofs/consistency",
                        Map.of("from", "" + from.size(), "to", "" + to.size())).body();
            } catch (ProblemException e) {
                problems.add("the registry cannot prove consistency with the saved checkpoint: " + e.getMessage());
                return 0;
            }
            if (!Merkle.verifyConsistency(from.size(), to.size(), from.root(), to.root(), hashes(proof.path("proof")))) {
                problems.add("the consistency proof from " + from.size() + " to " + to.size() + " leaves does not verify:"
                        + " entries covered by the saved checkpoint were altered, removed or reordered");
            }
            try {
                range = CompactRange.of(from.size(), hashes(proof.path("from_range")));
            } catch (IllegalArgumentException e) {
                problems.add("the registry sent a malformed edge of the saved tree: " + e.getMessage());
                return 0;
            }
            if (!Arrays.equals(range.root(), from.root())) {
                problems.add("the tree's first " + from.size() + " leaves no longer hash to the saved checkpoint's root:"
                        + " entries it covers were altered, removed or reordered");
            }
        }
        long checked = checkLeaves(range, to.size());
        if (range.size() != to.size() || !Arrays.equals(range.root(), to.root())) {
            problems.add("the entries added since the saved checkpoint do not hash to the current checkpoint's root");
        }
        return checked;
    }

    private long checkLeaves(CompactRange range, long toSize) {
        long checked = 0;
        while (range.size() < toSize) {
            JsonNode page = transport.get("/audit/leaves", Map.of("from", "" + range.size(), "limit", "" + PAGE)).body();
            JsonNode items = page.path("items");
            if (items.isEmpty()) {
                problems.add("leaves " + range.size() + " to " + toSize + " are missing from the log");
                return checked;
            }
            for (JsonNode item : items) {
                if (item.path("leaf_index").asLong() != range.size() || range.size() >= toSize) {
                    problems.add("leaf " + range.size() + " is missing or out of place");
                    return checked;
                }
                range.append(checkEntry(item).leafHash());
                checked++;
            }
        }
        return checked;
    }

    private AuditLeaf checkEntry(JsonNode item) {
        AuditLeaf leaf = new AuditLeaf(item.path("seq").asLong(), text(item, "chain"), item.path("chain_seq").asLong(),
                text(item, "occurred_at"), text(item, "actor"), text(item, "action"), text(item, "subject"),
                text(item, "detail_text"), text(item, "request_id"), text(item, "prev_hash"), text(item, "entry_hash"),
                text(item, "key_id"), text(item, "signature"));
        String where = "entry " + leaf.seq() + " (" + leaf.chain() + " #" + leaf.chainSeq() + ")";
        String recomputed = leaf.recomputedEntryHash();
        if (!recomputed.equals(leaf.entryHash())) {
            problems.add(where + " does not match its entry hash: it was modified");
        }
        PublicKey key = leaf.keyId() == null ? null : keys.get(leaf.keyId());
        if (leaf.signature() == null || leaf.keyId() == null) {
            problems.add(where + " is not signed by a published log key");
        } else if (key == null && published.containsKey(leaf.keyId())) {
            problems.add(where + " is signed by log key " + leaf.keyId() + ", which neither the saved checkpoint nor a"
                    + " pinned key vouches for: a key row added to the database, or another instance's key (pin it"
                    + " with --trusted-keys once its operator confirmed it)");
        } else if (key == null) {
            problems.add(where + " is not signed by a published log key");
        } else if (!AuditSignatures.verifyEntry(key, recomputed, leaf.signature())) {
            problems.add(where + " has a signature that does not verify: it was written without the log key");
        }
        return leaf;
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }

    private AuditCheck result(long from, long to, long checked, String problem) {
        return result(from, to, checked, problem, null);
    }

    private AuditCheck result(long from, long to, long checked, String problem, String note) {
        if (problem != null) {
            problems.add(problem);
        }
        return new AuditCheck(problems.isEmpty(), from, to, checked, problems, note);
    }
}
