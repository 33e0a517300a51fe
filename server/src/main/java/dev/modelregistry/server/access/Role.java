package dev.modelregistry.server.access;

/** What a route needs of its caller, checked once before its handler runs. Finer rules (team membership) live in services. */
public enum Role {
    /** No token needed: health, readiness, the OpenAPI document, the registry's public keys. */
    PUBLIC,
    /** Any principal with a valid token. */
    AUTHENTICATED,
    /** Principals with the admin flag. */
    ADMIN
}
