package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of evaluation reports, evaluators and their keys (audit details use the same shapes). */
public final class EvaluationJson {
    private EvaluationJson() {
    }

    /** {report_id, model_id, lineage_hash, evaluator, keyid, objective, verdict, metrics, created_at, received_at}. */
    public static ObjectNode report(EvaluationReport report) {
        ObjectNode json = Json.object()
                .put("report_id", report.reportId())
                .put("model_id", report.modelId().toString())
                .put("lineage_hash", report.lineageHash().value())
                .put("evaluator", report.evaluator())
                .put("keyid", report.keyid())
                .put("objective", report.objective())
                .put("verdict", report.verdict().wire());
        json.set("metrics", Json.readStored(report.metricsJson()));
        json.put("created_at", report.createdAt());
        return Json.putTime(json, "received_at", report.receivedAt());
    }

    public static ObjectNode evaluator(Evaluator evaluator) {
        ObjectNode json = Json.putTime(Json.object().put("name", evaluator.name()), "created_at", evaluator.createdAt());
        ArrayNode keyArray = json.putArray("keys");
        evaluator.keys().forEach(key -> keyArray.add(key(key)));
        return json;
    }

    public static ObjectNode key(EvaluatorKey key) {
        ObjectNode json = Json.object().put("evaluator", key.evaluator()).put("keyid", key.keyid())
                .put("public_key_pem", key.publicKeyPem());
        Json.putTime(json, "created_at", key.createdAt());
        return Json.putTime(json, "revoked_at", key.revokedAt().orElse(null));
    }
}
