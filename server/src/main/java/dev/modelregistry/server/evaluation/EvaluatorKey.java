package dev.modelregistry.server.evaluation;

import java.time.Instant;
import java.util.Optional;

/** One of an evaluator's public keys; a revoked key stays listed but no longer verifies anything. */
public record EvaluatorKey(String evaluator, String keyid, String publicKeyPem, Instant createdAt,
                           Optional<Instant> revokedAt) {
    public EvaluatorKey revoked(Instant at) {
        return new EvaluatorKey(evaluator, keyid, publicKeyPem, createdAt, Optional.of(at));
    }
}
