package dev.modelregistry.server.auth;

import dev.modelregistry.server.access.PrincipalRole;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** SQL for the roles an admin granted principals (table {@code principal_roles}). */
public final class RoleStore {
    /** Returns false when the principal already held the role. */
    public boolean grant(Handle handle, long principalRowId, PrincipalRole role, Instant grantedAt) {
        return handle.createUpdate("""
                        INSERT INTO principal_roles (principal_id, role, granted_at) VALUES (:principalId, :role, :at)
                        ON CONFLICT (principal_id, role) DO NOTHING""")
                .bind("principalId", principalRowId)
                .bind("role", role.wire())
                .bind("at", grantedAt)
                .execute() == 1;
    }

    /** Returns false when the principal did not hold the role. */
    public boolean revoke(Handle handle, long principalRowId, PrincipalRole role) {
        return handle.createUpdate("DELETE FROM principal_roles WHERE principal_id = :principalId AND role = :role")
                .bind("principalId", principalRowId)
                .bind("role", role.wire())
                .execute() == 1;
    }

    public Set<PrincipalRole> rolesOf(Handle handle, long principalRowId) {
        Set<PrincipalRole> roles = EnumSet.noneOf(PrincipalRole.class);
        handle.createQuery("SELECT role FROM principal_roles WHERE principal_id = :principalId")
                .bind("principalId", principalRowId)
                .mapTo(String.class)
                .forEach(text -> known(text).ifPresent(roles::add));
        return roles;
    }

    /** A role this server does not know (written by a newer one) grants nothing here. */
    static Optional<PrincipalRole> known(String text) {
        return text == null ? Optional.empty() : PrincipalRole.fromWire(text);
    }
}
