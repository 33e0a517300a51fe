package dev.modelregistry.server.auth;

import java.time.Instant;
import java.util.Locale;

/** A user or a service that can hold tokens, belong to teams and appear in the approver ACL. */
public record Principal(long rowId, String name, Kind kind, boolean admin, Instant createdAt) {
    /** Humans and machines are both principals; only the kind differs. */
    public enum Kind {
        USER, SERVICE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
