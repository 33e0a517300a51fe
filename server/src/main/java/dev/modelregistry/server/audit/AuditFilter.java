package dev.modelregistry.server.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit entries a reader asks for: about a subject (or in its chain), by an actor, of an action, and in a time
 * range ({@code from} inclusive, {@code to} exclusive). An empty field does not filter.
 */
public record AuditFilter(Optional<String> subject, Optional<String> actor, Optional<String> action,
                          Optional<Instant> from, Optional<Instant> to) {
    public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
