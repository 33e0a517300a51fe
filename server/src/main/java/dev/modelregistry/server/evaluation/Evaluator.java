package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.List;

/** An evaluation service (e.g. alpha-bench) whose Ed25519 keys sign evaluation reports. */
public record Evaluator(long id, String name, Instant createdAt, List<EvaluatorKey> keys) {
    public Evaluator {
        keys = List.copyOf(keys);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.putTime(Json.object().put("name", name), "created_at", createdAt);
        ArrayNode keyArray = json.putArray("keys");
        keys.forEach(key -> keyArray.add(key.toJson()));
        return json;
    }
}
