package dev.modelregistry.server.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of models, versions and health (audit details use the same shapes). */
public final class ModelJson {
    private ModelJson() {
    }

    public static ObjectNode model(Model model) {
        ObjectNode json = Json.object().put("name", model.name().value()).put("owner", model.owner())
                .put("description", model.description()).put("created_by", model.createdBy());
        return Json.putTime(json, "created_at", model.createdAt());
    }

    /** A model with its {@code health}: GET /models/{name}. */
    public static ObjectNode view(ModelView view) {
        ObjectNode json = model(view.model());
        json.set("health", health(view.health()));
        return json;
    }

    public static ObjectNode health(ModelHealth health) {
        ObjectNode json = Json.object().put("state", health.state().wire());
        Json.putTime(json, "since", health.state() == Health.OK ? null : health.since());
        json.put("reason", health.reason());
        Json.putTime(json, "expires_at", health.expiresAt());
        return Json.putTime(json, "sunset", health.sunset());
    }

    public static ObjectNode version(Version version) {
        ObjectNode json = Json.object().put("model_id", version.modelId().toString()).put("model", version.model().value())
                .put("status", version.status().wire());
        Json.putTime(json, "ready_at", version.readyAt());
        json.put("lineage_hash", version.lineageHash().value()).put("code_commit", version.codeCommit())
                .put("feature_graph_hash", version.featureGraphHash());
        json.putArray("data_window").add(version.dataWindow().start()).add(version.dataWindow().end());
        json.set("hyperparams", Json.readStored(version.hyperparamsJson()));
        ArrayNode parents = json.putArray("parents");
        version.parents().forEach(parent -> parents.add(parent.toString()));
        json.set("training_distribution", Json.readStored(version.trainingDistributionJson()));
        json.set("labels", Json.readStored(version.labelsJson()));
        if (version.evaluation() == null) {
            json.putNull("evaluation");
        } else {
            json.putObject("evaluation").put("report_id", version.evaluation().reportId())
                    .put("objective", version.evaluation().objective());
        }
        json.put("owner", version.owner()).put("registered_by", version.registeredBy());
        return Json.putTime(json, "registered_at", version.registeredAt());
    }

    /** A per-model deprecation policy as the audit records it: ISO-8601 durations, null for the global default. */
    public static ObjectNode policy(DeprecationPolicy policy) {
        ObjectNode json = Json.object();
        policy.warnAfter().ifPresentOrElse(d -> json.put("warn_after", d.toString()), () -> json.putNull("warn_after"));
        policy.expireAfter().ifPresentOrElse(d -> json.put("expire_after", d.toString()), () -> json.putNull("expire_after"));
        policy.orphanAfter().ifPresentOrElse(d -> json.put("orphan_after", d.toString()), () -> json.putNull("orphan_after"));
        return json;
    }

    /** The audit detail of the health state a model left. */
    public static ObjectNode healthState(HealthState state) {
        return Json.object().put("state", state.state().wire());
    }
}
