package dev.modelregistry.server.auth;

import java.time.Instant;
import java.util.Optional;

/** A token's stored record: never the token itself, only who it belongs to and whether it still works. */
public record ApiToken(String id, String principal, Instant createdAt, Optional<Instant> revokedAt) {
    public ApiToken revoked(Instant at) {
        return new ApiToken(id, principal, createdAt, Optional.of(at));
    }
}
