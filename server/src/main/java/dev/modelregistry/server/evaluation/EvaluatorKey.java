package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.Optional;

/** One of an evaluator's public keys; a revoked key stays listed but no longer verifies anything. */
public record EvaluatorKey(String evaluator, String keyid, String publicKeyPem, Instant createdAt,
                           Optional<Instant> revokedAt) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("evaluator", evaluator).put("keyid", keyid).put("public_key_pem", publicKeyPem);
        Json.putTime(json, "created_at", createdAt);
        return Json.putTime(json, "revoked_at", revokedAt.orElse(null));
    }
}
