package dev.modelregistry.server.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Reads the audit log: pages for the API and a full ordered scan for verification. */
public final class AuditStore {
    private static final String COLUMNS = """
            seq, chain, chain_seq, occurred_at, actor, action, subject, detail, request_id, prev_hash, entry_hash""";

    private static final RowMapper<AuditEntry> ENTRY = (rs, ctx) -> new AuditEntry(
            rs.getLong("seq"), rs.getString("chain"), rs.getLong("chain_seq"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "occurred_at", ctx),
            rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
            rs.getString("detail"), rs.getString("request_id"),
            rs.getString("prev_hash"), rs.getString("entry_hash"));

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

    /** A chain's recorded length and last hash. */
    public record ChainHead(String chain, long entries, String headHash) {
    }
}
