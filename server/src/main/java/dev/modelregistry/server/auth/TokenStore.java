package dev.modelregistry.server.auth;

import dev.modelregistry.server.access.PrincipalRole;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** SQL for API tokens, which are stored as their SHA-256 only. */
public final class TokenStore {
    private static final RowMapper<ApiToken> TOKEN = (rs, ctx) -> {
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new ApiToken(rs.getString("id"), rs.getString("principal"), instants.map(rs, "created_at", ctx),
                Optional.ofNullable(instants.map(rs, "revoked_at", ctx)));
    };

    /** The stored hash, the owner and the owner's granted roles of an active token with this hash, if there is one. */
    public record ActiveToken(String tokenSha256, Principal principal, Set<PrincipalRole> roles) {
    }

    public void insert(Handle handle, String id, long principalRowId, String tokenSha256, Instant createdAt) {
        handle.createUpdate("""
                        INSERT INTO api_tokens (id, principal_id, token_sha256, created_at)
                        VALUES (:id, :principalId, :sha, :createdAt)""")
                .bind("id", id)
                .bind("principalId", principalRowId)
                .bind("sha", tokenSha256)
                .bind("createdAt", createdAt)
                .execute();
    }

    /** One statement per request: the token, its principal and (one row each) the principal's roles. */
    public Optional<ActiveToken> findActive(Handle handle, String tokenSha256) {
        List<Map.Entry<ActiveToken, Optional<PrincipalRole>>> rows = handle.createQuery("""
                        SELECT t.token_sha256, p.id, p.name, p.kind, p.is_admin, p.created_at, r.role
                        FROM api_tokens t JOIN principals p ON p.id = t.principal_id
                        LEFT JOIN principal_roles r ON r.principal_id = p.id
                        WHERE t.token_sha256 = :sha AND t.revoked_at IS NULL""")
                .bind("sha", tokenSha256)
                .map((rs, ctx) -> Map.entry(new ActiveToken(rs.getString("token_sha256"),
                        PrincipalStore.PRINCIPAL.map(rs, ctx), Set.of()), RoleStore.known(rs.getString("role"))))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<PrincipalRole> roles = EnumSet.noneOf(PrincipalRole.class);
        rows.forEach(row -> row.getValue().ifPresent(roles::add));
        ActiveToken first = rows.get(0).getKey();
        return Optional.of(new ActiveToken(first.tokenSha256(), first.principal(), roles));
    }

    public Optional<ApiToken> find(Handle handle, String id) {
        return handle.createQuery("""
                        SELECT t.id, p.name AS principal, t.created_at, t.revoked_at
                        FROM api_tokens t JOIN principals p ON p.id = t.principal_id WHERE t.id = :id""")
                .bind("id", id)
                .map(TOKEN)
                .findOne();
    }

    public List<ApiToken> listFor(Handle handle, long principalRowId) {
        return handle.createQuery("""
                        SELECT t.id, p.name AS principal, t.created_at, t.revoked_at
                        FROM api_tokens t JOIN principals p ON p.id = t.principal_id
                        WHERE t.principal_id = :principalId ORDER BY t.created_at, t.id""")
                .bind("principalId", principalRowId)
                .map(TOKEN)
                .list();
    }

    /** Returns false when the token was already revoked. */
    public boolean revoke(Handle handle, String id, Instant at) {
        return handle.createUpdate("UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("at", at)
                .bind("id", id)
                .execute() == 1;
    }
}
