package dev.modelregistry.server.evaluation;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;

import java.time.Instant;
import java.util.Arrays;

/**
 * A stored, verified evaluation report: which version (by its row id and its model_id) and lineage hash it is
 * bound to, which evaluator key signed it, and its verdict. {@code metricsJson} and {@code envelopeJson} are JSON
 * text; the envelope is kept (normalised to standard base64) so anyone can verify the report again.
 */
public record EvaluationReport(String reportId, long versionRowId, ModelId modelId, LineageHash lineageHash,
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
}
