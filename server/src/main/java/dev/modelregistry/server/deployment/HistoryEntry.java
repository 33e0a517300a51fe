package dev.modelregistry.server.deployment;

import dev.modelregistry.core.identity.ModelId;

import java.time.Instant;
import java.util.Optional;

/** One row of a model's deployment history, for "what was deployed when". */
public record HistoryEntry(long revision, Optional<ModelId> production, Optional<ModelId> canary, Integer canaryPct,
                           String action, String actor, String reason, Instant changedAt) {
}
