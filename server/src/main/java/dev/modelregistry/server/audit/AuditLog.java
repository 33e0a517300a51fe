package dev.modelregistry.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.db.Times;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;

/**
 * Appends audit entries inside the caller's transaction, so an entry exists exactly when its change does.
 * Each entry joins the hash chain named by its {@code chain}; only writers of the same chain wait for each other.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** The chain shared by everything that concerns one model (the model and its versions). */
    public static String modelChain(String modelName) {
        return "model:" + modelName;
    }

    /** The chain of administrative changes: principals, tokens, teams, the ACL, evaluators. Rare, so one chain. */
    public static final String ADMIN_CHAIN = "admin";

    public void append(Handle handle, Caller caller, String chain, String action, String subject,
                       JsonNode before, JsonNode after) {
        // One upsert both creates a new chain's head and takes the head's row lock, which orders concurrent
        // appends to this chain. RETURNING gives the new length and the unchanged, i.e. previous, hash.
        ChainPosition position = handle.createQuery("""
                        INSERT INTO audit_chain_heads (chain, entries, head_hash) VALUES (:chain, 1, :genesis)
                        ON CONFLICT (chain) DO UPDATE SET entries = audit_chain_heads.entries + 1
                        RETURNING entries, head_hash""")
                .bind("chain", chain)
                .bind("genesis", AuditHashing.GENESIS)
                .map((rs, ctx) -> new ChainPosition(rs.getLong("entries"), rs.getString("head_hash")))
                .one();
        Instant now = Times.truncate(clock.instant());
        String detail = detailJson(before, after);
        String hash = AuditHashing.entryHash(chain, position.chainSeq(), now, caller.name(), action, subject,
                detail, caller.requestId(), position.prevHash());
        handle.createUpdate("""
                        INSERT INTO audit_log (chain, chain_seq, occurred_at, actor, action, subject, detail,
                                               request_id, prev_hash, entry_hash)
                        VALUES (:chain, :chainSeq, :occurredAt, :actor, :action, :subject, :detail,
                                :requestId, :prevHash, :entryHash)""")
                .bind("chain", chain)
                .bind("chainSeq", position.chainSeq())
                .bind("occurredAt", now)
                .bind("actor", caller.name())
                .bind("action", action)
                .bind("subject", subject)
                .bind("detail", detail)
                .bind("requestId", caller.requestId())
                .bind("prevHash", position.prevHash())
                .bind("entryHash", hash)
                .execute();
        handle.createUpdate("UPDATE audit_chain_heads SET head_hash = :hash WHERE chain = :chain")
                .bind("hash", hash)
                .bind("chain", chain)
                .execute();
    }

    private static String detailJson(JsonNode before, JsonNode after) {
        ObjectNode detail = JSON.createObjectNode();
        detail.set("before", before);
        detail.set("after", after);
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private record ChainPosition(long chainSeq, String prevHash) {
    }
}
