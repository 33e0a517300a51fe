package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.Arrays;

/**
 * A stored, verified evaluation report: which version (by its row id and its model_id) and lineage hash it is
 * bound to, which evaluator key signed it, and its verdict. {@code metricsJson} and {@code envelopeJson} are JSON
 * text; the envelope is kept (normalised to standard base64) so anyone can verify the report again.
 */
public record EvaluationReport(String reportId, long versionId, String modelId, String lineageHash,
                               String evaluator, String keyid, String objective, Verdict verdict,
                               String metricsJson, String createdAt, String envelopeJson, Instant receivedAt) {

    /** What the evaluator concluded; only a passing report lets a version be promoted. */
    public enum Verdict {
        PASS("pass"), FAIL("fail");

        private final String wire;

        Verdict(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Verdict fromWire(String wire) {
            return Arrays.stream(values()).filter(v -> v.wire.equals(wire)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown verdict " + wire));
        }
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }

    /** The API shape: {report_id, model_id, lineage_hash, evaluator, keyid, objective, verdict, metrics, created_at, received_at}. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object()
                .put("report_id", reportId)
                .put("model_id", modelId)
                .put("lineage_hash", lineageHash)
                .put("evaluator", evaluator)
                .put("keyid", keyid)
                .put("objective", objective)
                .put("verdict", verdict.wire());
        json.set("metrics", Json.readStored(metricsJson));
        json.put("created_at", createdAt);
        return Json.putTime(json, "received_at", receivedAt);
    }
}
