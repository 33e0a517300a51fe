package dev.modelregistry.server.access;

import java.util.Arrays;
import java.util.Optional;

/** A role an admin grants a principal, beyond team membership and the approver ACL. Its wire name is its path segment. */
public enum PrincipalRole {
    /** May send signals and fills to the lineage ingest routes. */
    LINEAGE_WRITER("lineage-writer");

    private final String wire;

    PrincipalRole(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<PrincipalRole> fromWire(String text) {
        return Arrays.stream(values()).filter(role -> role.wire.equals(text)).findFirst();
    }
}
