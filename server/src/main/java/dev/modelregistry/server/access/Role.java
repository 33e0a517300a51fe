package dev.modelregistry.server.access;

import java.util.Optional;

/** What a route needs of its caller, checked once before its handler runs. Finer rules (team membership) live in services. */
public enum Role {
    /** No token needed: health, readiness, the OpenAPI document, the registry's public keys. */
    PUBLIC(null),
    /** Any principal with a valid token. */
    AUTHENTICATED(null),
    /** Principals an admin granted {@link PrincipalRole#LINEAGE_WRITER}, and admins: the lineage ingest routes. */
    LINEAGE_WRITER(PrincipalRole.LINEAGE_WRITER),
    /** Principals with the admin flag. */
    ADMIN(null);

    private final PrincipalRole granted;

    Role(PrincipalRole granted) {
        this.granted = granted;
    }

    /** The granted role this route role stands for, if it is one. */
    public Optional<PrincipalRole> granted() {
        return Optional.ofNullable(granted);
    }
}
