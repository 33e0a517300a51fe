package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.Optional;

/** A model's current split: which version is production, which is canary at what share, and the revision. */
public record DeploymentState(long modelDbId, String model, long revision, Optional<Slot> production,
                              Optional<Slot> canary, Instant updatedAt) {

    /** A version holding a share of the traffic. */
    public record Slot(long versionDbId, String modelId, String lineageHash, int pct) {
        ObjectNode toJson() {
            return Json.object().put("model_id", modelId).put("pct", pct);
        }
    }

    public static DeploymentState none(long modelDbId, String model) {
        return new DeploymentState(modelDbId, model, 0, Optional.empty(), Optional.empty(), null);
    }

    /** The split without the manifest: {model, revision, production, canary}. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("model", model).put("revision", revision);
        json.set("production", production.map(Slot::toJson).orElse(null));
        json.set("canary", canary.map(Slot::toJson).orElse(null));
        return json;
    }
}
