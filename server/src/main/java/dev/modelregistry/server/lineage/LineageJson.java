package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.lineage.LineageQueryStore.Deployed;
import dev.modelregistry.server.lineage.LineageQueryStore.Report;
import dev.modelregistry.server.model.ModelJson;

import java.util.Locale;

/** The API's JSON of the lineage answers, the ensemble graph and per-line ingest results. */
public final class LineageJson {
    private LineageJson() {
    }

    public static ObjectNode fill(FillLineage fill) {
        ObjectNode json = Json.object();
        json.set("fill", Json.readStored(fill.fillJson()));
        writeLineage(json, fill.lineage());
        return json;
    }

    public static ObjectNode signal(SignalLineage signal) {
        ObjectNode json = Json.object();
        writeLineage(json, signal.lineage());
        ArrayNode fills = json.putArray("fills");
        signal.fillsJson().forEach(f -> fills.add(Json.readStored(f)));
        return json;
    }

    /** The fields shared by the fill and the signal answers. */
    private static void writeLineage(ObjectNode json, Lineage lineage) {
        json.set("signal", Json.readStored(lineage.signalJson()));
        json.set("version", lineage.version() == null ? null : ModelJson.version(lineage.version()));
        json.set("evaluation", lineage.evaluation() == null ? null : evaluation(lineage.evaluation()));
        json.set("training_distribution", lineage.trainingDistribution());
        ArrayNode array = json.putArray("children");
        lineage.children().forEach(c -> array.add(child(c)));
        if (lineage.childrenTruncated()) {
            json.put("children_truncated", true);
        }
        json.set("deployment_at_emission", lineage.deploymentAtEmission() == null ? null
                : deployment(lineage.deploymentAtEmission(), lineage.roleAtEmission()));
    }

    private static ObjectNode child(Lineage.Child child) {
        ObjectNode json = Json.object();
        json.set("version", ModelJson.version(child.version()));
        ArrayNode array = json.putArray("children");
        child.children().forEach(c -> array.add(child(c)));
        return json;
    }

    private static ObjectNode evaluation(Report report) {
        ObjectNode json = Json.object().put("report_id", report.reportId()).put("objective", report.objective())
                .put("verdict", report.verdict());
        json.set("metrics", Json.readStored(report.metricsJson()));
        return json.put("evaluator", report.evaluator());
    }

    private static ObjectNode deployment(Deployed deployed, String role) {
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
        json.put("role", role);
        return Json.putTime(json, "changed_at", deployed.changedAt());
    }

    public static ObjectNode graph(LineageGraph graph) {
        ObjectNode json = Json.object().put("root", graph.root().toString()).put("direction", graph.direction().wire());
        ArrayNode nodes = json.putArray("nodes");
        graph.nodes().forEach(n -> nodes.addObject().put("model_id", n.modelId().toString())
                .put("lineage_hash", n.lineageHash().value()).put("status", n.status().wire()).put("depth", n.depth()));
        ArrayNode edges = json.putArray("edges");
        graph.edges().forEach(e -> edges.addObject().put("from", e.from().toString()).put("to", e.to().toString()));
        return json;
    }

    public static ObjectNode result(IngestResult result) {
        ObjectNode json = Json.object().put("line", result.line()).put("id", result.id())
                .put("status", result.status().name().toLowerCase(Locale.ROOT));
        return result.error() == null ? json.putNull("error") : json.put("error", result.error());
    }

    public static ObjectNode batch(IngestedBatch batch) {
        IngestedBatch.Counts counts = batch.counts();
        return Json.object().put("kind", batch.kind().name().toLowerCase(Locale.ROOT)).put("accepted", counts.accepted())
                .put("duplicate", counts.duplicate()).put("conflict", counts.conflict()).put("rejected", counts.rejected())
                .put("first_line", batch.firstLine()).put("last_line", batch.lastLine())
                .put("first_id", batch.firstId()).put("last_id", batch.lastId())
                .put("ids_sha256", batch.acceptedIdsSha256()).put("lines_sha256", batch.acceptedLinesSha256());
    }
}
