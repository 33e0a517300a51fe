package dev.modelregistry.server.console;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/**
 * SQL for web console sessions; the only writer of {@code console_sessions}. Sessions are found by the SHA-256 of
 * their id, never by the id itself, which only the browser's cookie holds.
 */
public final class ConsoleSessionStore {
    /** A live session row: the hash of the token it was opened with and when it ends. */
    public record StoredSession(String sessionSha256, String tokenSha256, Instant createdAt, Instant expiresAt) {
    }

    public void insert(Handle handle, String sessionSha256, String tokenSha256, Instant createdAt,
                       Instant idleExpiresAt, Instant expiresAt) {
        handle.createUpdate("""
                        INSERT INTO console_sessions (session_sha256, token_sha256, created_at, idle_expires_at, expires_at)
                        VALUES (:session, :token, :createdAt, :idleExpiresAt, :expiresAt)""")
                .bind("session", sessionSha256)
                .bind("token", tokenSha256)
                .bind("createdAt", createdAt)
                .bind("idleExpiresAt", idleExpiresAt)
                .bind("expiresAt", expiresAt)
                .execute();
    }

    /** The session with this hash if it has neither been idle too long nor outlived its absolute expiry at {@code now}. */
    public Optional<StoredSession> findLive(Handle handle, String sessionSha256, Instant now) {
        return handle.createQuery("""
                        SELECT session_sha256, token_sha256, created_at, expires_at FROM console_sessions
                        WHERE session_sha256 = :session AND idle_expires_at > :now AND expires_at > :now""")
                .bind("session", sessionSha256)
                .bind("now", now)
                .map((rs, ctx) -> {
                    var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
                    return new StoredSession(rs.getString("session_sha256"), rs.getString("token_sha256"),
                            instants.map(rs, "created_at", ctx), instants.map(rs, "expires_at", ctx));
                })
                .findOne();
    }

    /**
     * Pushes the idle expiry forward to {@code idleExpiresAt}, but only when that moves it by more than
     * {@code unlessWithin}: a page view then costs a write once a minute rather than every time.
     */
    public void touch(Handle handle, String sessionSha256, Instant idleExpiresAt, java.time.Duration unlessWithin) {
        handle.createUpdate("""
                        UPDATE console_sessions SET idle_expires_at = :idleExpiresAt
                        WHERE session_sha256 = :session AND idle_expires_at < :threshold""")
                .bind("idleExpiresAt", idleExpiresAt)
                .bind("threshold", idleExpiresAt.minus(unlessWithin))
                .bind("session", sessionSha256)
                .execute();
    }

    /** Returns whether there was such a session. */
    public boolean delete(Handle handle, String sessionSha256) {
        return handle.createUpdate("DELETE FROM console_sessions WHERE session_sha256 = :session")
                .bind("session", sessionSha256)
                .execute() == 1;
    }

    /** Removes the sessions that can no longer be used, so that the table holds only live ones (and a few more). */
    public void deleteEnded(Handle handle, Instant now) {
        handle.createUpdate("DELETE FROM console_sessions WHERE idle_expires_at <= :now OR expires_at <= :now")
                .bind("now", now)
                .execute();
    }
}
