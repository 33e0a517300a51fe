package dev.modelregistry.server.http;

/** Who may call a route, checked once before its handler runs. Finer rules (team membership) live in services. */
public enum Access {
    /** No token needed: health, readiness, the OpenAPI document. */
    PUBLIC,
    /** Any principal with a valid token. */
    AUTHENTICATED,
    /** Principals with the admin flag. */
    ADMIN
}
