package dev.modelregistry.server.auth;

/**
 * Who is making the current request, as established from its bearer token, and the request's id
 * (which every audit entry written for it carries).
 */
public record Caller(long principalId, String name, boolean admin, String requestId) {
    /** The server itself, e.g. when it creates the bootstrap admin. */
    public static Caller system(String requestId) {
        return new Caller(0, "system", true, requestId);
    }
}
