-- Web console sessions. A browser holds a random session id in an HttpOnly cookie; only its SHA-256 is stored, so
-- reading this table gives no session. A session stands on the API token it was opened with (token_sha256): once
-- that token is revoked, the session is refused on its next request, on every instance. It ends after an idle time
-- (idle_expires_at, pushed forward as it is used) or at expires_at, whichever comes first, or when signed out.
CREATE TABLE console_sessions (
    session_sha256   text        NOT NULL PRIMARY KEY,
    token_sha256     text        NOT NULL REFERENCES api_tokens (token_sha256),
    created_at       timestamptz NOT NULL,
    idle_expires_at  timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX console_sessions_token ON console_sessions (token_sha256);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
