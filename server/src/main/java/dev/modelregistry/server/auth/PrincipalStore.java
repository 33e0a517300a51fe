package dev.modelregistry.server.auth;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** SQL for principals. */
public final class PrincipalStore {
    static final RowMapper<Principal> PRINCIPAL = (rs, ctx) -> new Principal(
            rs.getLong("id"), rs.getString("name"),
            Principal.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
            rs.getBoolean("is_admin"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx));

    public Principal insert(Handle handle, String name, Principal.Kind kind, boolean admin, Instant createdAt) {
        return handle.createQuery("""
                        INSERT INTO principals (name, kind, is_admin, created_at)
                        VALUES (:name, :kind, :admin, :createdAt)
                        RETURNING id, name, kind, is_admin, created_at""")
                .bind("name", name)
                .bind("kind", kind.wire())
                .bind("admin", admin)
                .bind("createdAt", createdAt)
                .map(PRINCIPAL)
                .one();
    }

    public Optional<Principal> findByName(Handle handle, String name) {
        return handle.createQuery("SELECT id, name, kind, is_admin, created_at FROM principals WHERE name = :name")
                .bind("name", name)
                .map(PRINCIPAL)
                .findOne();
    }

    public List<Principal> page(Handle handle, String afterName, int limit) {
        return handle.createQuery("""
                        SELECT id, name, kind, is_admin, created_at FROM principals
                        WHERE name > :after ORDER BY name LIMIT :limit""")
                .bind("after", afterName)
                .bind("limit", limit)
                .map(PRINCIPAL)
                .list();
    }

    public boolean isEmpty(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM principals").mapTo(Long.class).one() == 0;
    }
}
