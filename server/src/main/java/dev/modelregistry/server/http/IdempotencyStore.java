package dev.modelregistry.server.http;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** SQL for Idempotency-Key records: claimed before the request runs, completed with its response afterwards. */
public final class IdempotencyStore {
    /** A stored key: the request it was first used with and, once completed, the response to replay. */
    public record Entry(String requestSha256, Integer status, String contentType, String body, Instant createdAt) {
        boolean completed() {
            return status != null;
        }
    }

    /** Returns true when this call claimed the key; false when someone already holds it. */
    public boolean claim(Handle handle, long principalId, String key, String requestSha256, Instant now) {
        return handle.createUpdate("""
                        INSERT INTO idempotency_keys (principal_id, idempotency_key, request_sha256, created_at)
                        VALUES (:principalId, :key, :sha, :now)
                        ON CONFLICT (principal_id, idempotency_key) DO NOTHING""")
                .bind("principalId", principalId)
                .bind("key", key)
                .bind("sha", requestSha256)
                .bind("now", now)
                .execute() == 1;
    }

    public Optional<Entry> find(Handle handle, long principalId, String key) {
        return handle.createQuery("""
                        SELECT request_sha256, response_status, response_type, response_body, created_at
                        FROM idempotency_keys WHERE principal_id = :principalId AND idempotency_key = :key""")
                .bind("principalId", principalId)
                .bind("key", key)
                .map((rs, ctx) -> new Entry(rs.getString("request_sha256"), (Integer) rs.getObject("response_status"),
                        rs.getString("response_type"), rs.getString("response_body"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx)))
                .findOne();
    }

    public void complete(Handle handle, long principalId, String key, int status, String contentType, String body) {
        handle.createUpdate("""
                        UPDATE idempotency_keys SET response_status = :status, response_type = :type, response_body = :body
                        WHERE principal_id = :principalId AND idempotency_key = :key""")
                .bind("status", status)
                .bind("type", contentType)
                .bind("body", body)
                .bind("principalId", principalId)
                .bind("key", key)
                .execute();
    }

    public void release(Handle handle, long principalId, String key) {
        handle.createUpdate("DELETE FROM idempotency_keys WHERE principal_id = :principalId AND idempotency_key = :key")
                .bind("principalId", principalId)
                .bind("key", key)
                .execute();
    }

    /** Forgets keys older than the retention window, so the table does not grow without bound. */
    public int deleteOlderThan(Handle handle, Instant cutoff) {
        return handle.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute();
    }
}
