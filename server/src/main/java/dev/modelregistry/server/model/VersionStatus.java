package dev.modelregistry.server.model;

import java.util.Locale;

/** The lifecycle states of a version, as stored and as the API spells them. */
public enum VersionStatus {
    CANDIDATE, CANARY, PRODUCTION, RETIRED, ROLLED_BACK, REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VersionStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
