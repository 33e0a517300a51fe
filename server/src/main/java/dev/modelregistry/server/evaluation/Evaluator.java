package dev.modelregistry.server.evaluation;

import java.time.Instant;
import java.util.List;

/** An evaluation service (e.g. alpha-bench) whose Ed25519 keys sign evaluation reports. */
public record Evaluator(long rowId, String name, Instant createdAt, List<EvaluatorKey> keys) {
    public Evaluator {
        keys = List.copyOf(keys);
    }
}
