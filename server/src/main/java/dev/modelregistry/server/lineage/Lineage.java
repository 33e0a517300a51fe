package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.lineage.LineageQueryStore.Deployed;
import dev.modelregistry.server.lineage.LineageQueryStore.Report;
import dev.modelregistry.server.model.Version;

import java.util.List;
import java.util.Objects;

/**
 * What a signal leads to: the signal itself, the model version that emitted it with its whole lineage (the version's
 * own fields, its evaluation report, its training-distribution summary, its ensemble children recursively) and the
 * model's deployment when the signal was emitted. Every part but the signal may be absent (null).
 */
public record Lineage(String signalJson, Version version, Report evaluation, JsonNode trainingDistribution,
                      List<Child> children, boolean childrenTruncated, Deployed deploymentAtEmission) {
    /** One version an ensemble consumes, with what it consumes in turn. */
    public record Child(Version version, List<Child> children) {
        public Child {
            children = List.copyOf(children);
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.set("version", version.toJson());
            ArrayNode array = json.putArray("children");
            children.forEach(c -> array.add(c.toJson()));
            return json;
        }
    }

    public Lineage {
        children = List.copyOf(children);
    }

    /** Writes the fields shared by the fill and the signal answers into {@code json}. */
    void writeTo(ObjectNode json) {
        json.set("signal", Json.readStored(signalJson));
        json.set("version", version == null ? null : version.toJson());
        json.set("evaluation", evaluation == null ? null : evaluationJson(evaluation));
        json.set("training_distribution", trainingDistribution);
        ArrayNode array = json.putArray("children");
        children.forEach(c -> array.add(c.toJson()));
        if (childrenTruncated) {
            json.put("children_truncated", true);
        }
        json.set("deployment_at_emission", deploymentAtEmission == null ? null : deploymentJson(deploymentAtEmission));
    }

    private static ObjectNode evaluationJson(Report report) {
        ObjectNode json = Json.object().put("report_id", report.reportId()).put("objective", report.objective())
                .put("verdict", report.verdict());
        json.set("metrics", Json.readStored(report.metricsJson()));
        return json.put("evaluator", report.evaluator());
    }

    private ObjectNode deploymentJson(Deployed deployed) {
        ObjectNode json = Json.object().put("revision", deployed.revision());
        int canaryPct = deployed.canary() == null || deployed.canaryPct() == null ? 0 : deployed.canaryPct();
        if (deployed.production() == null) {
            json.putNull("production");
        } else {
            json.putObject("production").put("model_id", deployed.production()).put("pct", 100 - canaryPct);
        }
        if (deployed.canary() == null) {
            json.putNull("canary");
        } else {
            json.putObject("canary").put("model_id", deployed.canary()).put("pct", canaryPct);
        }
        String role = null;
        if (version != null && Objects.equals(deployed.productionId(), version.id())) {
            role = "production";
        } else if (version != null && Objects.equals(deployed.canaryId(), version.id())) {
            role = "canary";
        }
        json.put("role", role);
        return Json.putTime(json, "changed_at", deployed.changedAt());
    }
}
