package dev.modelregistry.server.lineage;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL for lineage ingest; the only writer of the signal and fill tables. A batch claims its ids in the key table with one multi-row insert that skips ids already
 * there; the ids it got are new and their rows go into the data table; for the others, the stored content hash
 * tells a duplicate (identical re-send, a no-op) from a conflict (same id, other content, never overwritten).
 */
public final class LineageStore {
    /** Rows per multi-row statement: PostgreSQL allows 65,535 parameters per statement. */
    private static final int ROWS_PER_STATEMENT = 2_000;

    /** Claims the ids of new events in the key table; returns the ids this call inserted. */
    public Set<String> claim(Handle handle, EventKind kind, List<LineageEvent> events) {
        Set<String> claimed = new HashSet<>();
        for (List<LineageEvent> chunk : chunks(events)) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + kind.keyTable() + " (" + kind.idField() + ", "
                    + kind.timeField() + ", content_sha256) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :time").append(i).append(", :sha")
                        .append(i).append(')');
            }
            sql.append(" ON CONFLICT (").append(kind.idField()).append(") DO NOTHING RETURNING ").append(kind.idField());
            var query = handle.createQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                LineageEvent event = chunk.get(i);
                query.bind("id" + i, event.id()).bind("time" + i, event.time()).bind("sha" + i, event.contentSha256());
            }
            query.mapTo(String.class).forEach(claimed::add);
        }
        return claimed;
    }

    /** The stored content hashes of ids that were already known. */
    public Map<String, String> storedHashes(Handle handle, EventKind kind, Collection<String> ids) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            handle.createQuery("SELECT " + kind.idField() + " AS id, content_sha256 FROM " + kind.keyTable()
                            + " WHERE " + kind.idField() + " IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("content_sha256")))
                    .forEach(e -> hashes.put(e.getKey(), e.getValue()));
        }
        return hashes;
    }

    public void insertSignals(Handle handle, List<LineageEvent> signals, Map<String, Long> versionIds, Instant receivedAt) {
        if (signals.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO signals (signal_id, version_id, emitted_at, body, received_at)
                VALUES (:id, :versionId, :time, :body, :receivedAt)""");
        for (LineageEvent signal : signals) {
            batch.bind("id", signal.id()).bind("versionId", versionIds.get(signal.reference()))
                    .bind("time", signal.time()).bind("body", signal.body()).bind("receivedAt", receivedAt).add();
        }
        batch.execute();
    }

    public void insertFills(Handle handle, List<LineageEvent> fills, Instant receivedAt) {
        if (fills.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO fills (fill_id, signal_id, executed_at, body, received_at)
                VALUES (:id, :signalId, :time, :body, :receivedAt)""");
        for (LineageEvent fill : fills) {
            batch.bind("id", fill.id()).bind("signalId", fill.reference()).bind("time", fill.time())
                    .bind("body", fill.body()).bind("receivedAt", receivedAt).add();
        }
        batch.execute();
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }
}
