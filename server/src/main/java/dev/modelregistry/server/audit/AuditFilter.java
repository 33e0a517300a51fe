package dev.modelregistry.server.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit entries a person is looking for: about a subject (or in its chain), by an actor, of an action, and
 * from/until a time (from inclusive, until exclusive); each may be absent.
 */
public record AuditFilter(Optional<String> subject, Optional<String> actor, Optional<String> action,
                          Optional<Instant> from, Optional<Instant> until) {
}
