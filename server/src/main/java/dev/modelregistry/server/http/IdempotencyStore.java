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

    /** Returns true when this call claimed the key for {@code claimToken}; false when someone already holds it. */
    public boolean claim(Handle handle, long principalId, String key, String requestSha256, Instant now,
                         String claimToken) {
        return handle.createUpdate("""
                        INSERT INTO idempotency_keys (principal_id, idempotency_key, request_sha256, created_at, claim_token)
                        VALUES (:principalId, :key, :sha, :now, :token)
                        ON CONFLICT (principal_id, idempotency_key) DO NOTHING""")
                .bind("principalId", principalId)
                .bind("key", key)
                .bind("sha", requestSha256)
                .bind("now", now)
                .bind("token", claimToken)
                .execute() == 1;
    }

    /**
     * Takes over a claim of the same request that was never completed and was claimed before {@code lapsedBefore}:
     * its holder is gone. Exactly one of several retries wins; the others see the fresh claim.
     */
    public boolean takeOver(Handle handle, long principalId, String key, String requestSha256, Instant now,
                            Instant lapsedBefore, String claimToken) {
        return handle.createUpdate("""
                        UPDATE idempotency_keys SET created_at = :now, claim_token = :token
                        WHERE principal_id = :principalId AND idempotency_key = :key AND request_sha256 = :sha
                          AND response_status IS NULL AND created_at < :lapsedBefore""")
                .bind("now", now)
                .bind("token", claimToken)
                .bind("principalId", principalId)
                .bind("key", key)
                .bind("sha", requestSha256)
                .bind("lapsedBefore", lapsedBefore)
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

    /** Stores the response, if the claim is still {@code claimToken}'s (a lapsed claim may have been taken over). */
    public void complete(Handle handle, long principalId, String key, String claimToken, int status, String contentType,
                         String body) {
        handle.createUpdate("""
                        UPDATE idempotency_keys SET response_status = :status, response_type = :type, response_body = :body
                        WHERE principal_id = :principalId AND idempotency_key = :key AND claim_token = :token""")
                .bind("token", claimToken)
                .bind("status", status)
                .bind("type", contentType)
                .bind("body", body)
                .bind("principalId", principalId)
                .bind("key", key)
                .execute();
    }

    /** Frees an uncompleted claim of {@code claimToken}'s, so that the next request with the key runs. */
    public void release(Handle handle, long principalId, String key, String claimToken) {
        handle.createUpdate("""
                        DELETE FROM idempotency_keys
                        WHERE principal_id = :principalId AND idempotency_key = :key AND claim_token = :token
                          AND response_status IS NULL""")
                .bind("principalId", principalId)
                .bind("key", key)
                .bind("token", claimToken)
                .execute();
    }

    /** Forgets a key whatever its state: its retention window has passed. */
    public void forget(Handle handle, long principalId, String key) {
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
