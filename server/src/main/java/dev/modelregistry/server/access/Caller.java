package dev.modelregistry.server.access;

/**
 * Who is making the current request, as established from its bearer token, and the request's id (which every audit
 * entry written for it carries). {@code principalRowId} is the principal's row id, 0 for the server itself.
 */
public record Caller(long principalRowId, String name, boolean admin, String requestId) {
    /** The server itself, e.g. when it creates the bootstrap admin or audits a health change. */
    public static Caller system(String requestId) {
        return new Caller(0, "system", true, requestId);
    }
}
