package dev.modelregistry.server.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** SQL for the audit log and its chain heads: appending, pages for the API and a full ordered scan for verification. */
public final class AuditStore {
    private static final String COLUMNS = """
            seq, chain, chain_seq, occurred_at, actor, action, subject, detail, request_id, prev_hash, entry_hash,
            key_id, signature""";

    static final RowMapper<AuditEntry> ENTRY = (rs, ctx) -> new AuditEntry(
            rs.getLong("seq"), rs.getString("chain"), rs.getLong("chain_seq"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "occurred_at", ctx),
            rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
            rs.getString("detail"), rs.getString("request_id"),
            rs.getString("prev_hash"), rs.getString("entry_hash"), rs.getString("key_id"), rs.getString("signature"));

    /** Where the next entry of a chain goes: its 1-based place and the hash of the entry before it. */
    public record ChainPosition(long chainSeq, String prevHash) {
    }

    /** A chain's recorded length and last hash. */
    public record ChainHead(String chain, long entries, String headHash) {
    }

    /**
     * Claims the next place in {@code chain}. One upsert both creates a new chain's head and takes the head's row
     * lock, which orders concurrent appends to this chain until the transaction ends. RETURNING gives the new length
     * and the unchanged, i.e. previous, hash.
     */
    public ChainPosition nextPosition(Handle handle, String chain) {
        return handle.createQuery("""
                        INSERT INTO audit_chain_heads (chain, entries, head_hash) VALUES (:chain, 1, :genesis)
                        ON CONFLICT (chain) DO UPDATE SET entries = audit_chain_heads.entries + 1
                        RETURNING entries, head_hash""")
                .bind("chain", chain)
                .bind("genesis", AuditHashing.GENESIS)
                .map((rs, ctx) -> new ChainPosition(rs.getLong("entries"), rs.getString("head_hash")))
                .one();
    }

    /**
     * Inserts an entry and answers the {@code seq} the database assigned it (the one in {@code entry} is ignored).
     */
    public long insert(Handle handle, AuditEntry entry) {
        return handle.createQuery("""
                        INSERT INTO audit_log (chain, chain_seq, occurred_at, actor, action, subject, detail,
                                               request_id, prev_hash, entry_hash, key_id, signature)
                        VALUES (:chain, :chainSeq, :occurredAt, :actor, :action, :subject, :detail,
                                :requestId, :prevHash, :entryHash, :keyId, :signature)
                        RETURNING seq""")
                .bind("chain", entry.chain())
                .bind("chainSeq", entry.chainSeq())
                .bind("occurredAt", entry.occurredAt())
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("subject", entry.subject())
                .bind("detail", entry.detailJson())
                .bind("requestId", entry.requestId())
                .bind("prevHash", entry.prevHash())
                .bind("entryHash", entry.entryHash())
                .bind("keyId", entry.keyId())
                .bind("signature", entry.signature())
                .mapTo(Long.class)
                .one();
    }

    /** Records the hash of the chain's newest entry. */
    public void moveHead(Handle handle, String chain, String hash) {
        handle.createUpdate("UPDATE audit_chain_heads SET head_hash = :hash WHERE chain = :chain")
                .bind("hash", hash)
                .bind("chain", chain)
                .execute();
    }

    /** Entries after {@code afterSeq}, oldest first; with a subject, those about it or in its chain. */
    public List<AuditEntry> page(Handle handle, Optional<String> subject, long afterSeq, int limit) {
        String where = subject.isPresent() ? "(subject = :subject OR chain = :subject) AND seq > :after" : "seq > :after";
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE " + where + " ORDER BY seq LIMIT :limit")
                .bind("subject", subject.orElse(null))
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map(ENTRY)
                .list();
    }

    /** The entries matching {@code filter} before {@code beforeSeq}, newest first: what a person reads. */
    public List<AuditEntry> search(Handle handle, AuditFilter filter, long beforeSeq, int limit) {
        StringBuilder where = new StringBuilder("seq < :before");
        filter.subject().ifPresent(subject -> where.append(" AND (subject = :subject OR chain = :subject)"));
        filter.actor().ifPresent(actor -> where.append(" AND actor = :actor"));
        filter.action().ifPresent(action -> where.append(" AND action = :action"));
        filter.from().ifPresent(from -> where.append(" AND occurred_at >= :from"));
        filter.until().ifPresent(until -> where.append(" AND occurred_at < :until"));
        var query = handle.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE " + where
                + " ORDER BY seq DESC LIMIT :limit");
        filter.subject().ifPresent(subject -> query.bind("subject", subject));
        filter.actor().ifPresent(actor -> query.bind("actor", actor));
        filter.action().ifPresent(action -> query.bind("action", action));
        filter.from().ifPresent(from -> query.bind("from", from));
        filter.until().ifPresent(until -> query.bind("until", until));
        return query.bind("before", beforeSeq).bind("limit", limit).map(ENTRY).list();
    }

    /** Every entry, chain by chain in chain order, streamed so that the log never has to fit in memory. */
    public void scanByChain(Handle handle, Consumer<AuditEntry> consumer) {
        handle.createQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY chain, chain_seq")
                .setFetchSize(1000)
                .map(ENTRY)
                .useStream(stream -> stream.forEach(consumer));
    }

    /** Each chain's recorded length and head hash. */
    public Map<String, ChainHead> heads(Handle handle) {
        return handle.createQuery("SELECT chain, entries, head_hash FROM audit_chain_heads")
                .map((rs, ctx) -> new ChainHead(rs.getString("chain"), rs.getLong("entries"), rs.getString("head_hash")))
                .list().stream()
                .collect(Collectors.toMap(ChainHead::chain, head -> head));
    }
}
