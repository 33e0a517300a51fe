package dev.modelregistry.server.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.List;

/**
 * A registered version with its whole lineage. JSON-valued fields are kept as the text that was stored,
 * which is exactly what the registrant sent (re-serialised once), so reads return what was registered.
 */
public record Version(long id, String modelId, String model, VersionStatus status, Instant readyAt,
                      String lineageHash, String codeCommit, String featureGraphHash, DataWindow dataWindow,
                      String hyperparamsJson, List<String> parents, String trainingDistributionJson,
                      String labelsJson, Evaluation evaluation, String owner, String registeredBy,
                      Instant registeredAt) {

    /** The evaluation report a version says it will be promoted on, if it named one. */
    public record Evaluation(String reportId, String objective) {
    }

    public Version {
        parents = List.copyOf(parents);
    }

    public Version withParents(List<String> parentIds) {
        return new Version(id, modelId, model, status, readyAt, lineageHash, codeCommit, featureGraphHash, dataWindow,
                hyperparamsJson, parentIds, trainingDistributionJson, labelsJson, evaluation, owner, registeredBy,
                registeredAt);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("model_id", modelId).put("model", model).put("status", status.wire());
        Json.putTime(json, "ready_at", readyAt);
        json.put("lineage_hash", lineageHash).put("code_commit", codeCommit).put("feature_graph_hash", featureGraphHash);
        json.putArray("data_window").add(dataWindow.start()).add(dataWindow.end());
        json.set("hyperparams", Json.readStored(hyperparamsJson));
        ArrayNode parentArray = json.putArray("parents");
        parents.forEach(parentArray::add);
        json.set("training_distribution", Json.readStored(trainingDistributionJson));
        json.set("labels", Json.readStored(labelsJson));
        if (evaluation == null) {
            json.putNull("evaluation");
        } else {
            json.putObject("evaluation").put("report_id", evaluation.reportId()).put("objective", evaluation.objective());
        }
        json.put("owner", owner).put("registered_by", registeredBy);
        return Json.putTime(json, "registered_at", registeredAt);
    }
}
