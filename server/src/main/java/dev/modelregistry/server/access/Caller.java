package dev.modelregistry.server.access;

import java.util.Set;

/**
 * Who is making the current request, as established from its bearer token, the roles an admin granted it, and the
 * request's id (which every audit entry written for it carries). {@code principalRowId} is the principal's row id,
 * 0 for the server itself.
 */
public record Caller(long principalRowId, String name, boolean admin, Set<PrincipalRole> roles, String requestId) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The server itself, e.g. when it creates the bootstrap admin or audits a health change. */
    public static Caller system(String requestId) {
        return new Caller(0, "system", true, Set.of(), requestId);
    }

    /** Whether an admin granted this caller {@code role}; admins hold every role without a grant. */
    public boolean holds(PrincipalRole role) {
        return admin || roles.contains(role);
    }
}
