package dev.modelregistry.core.dsse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.PrivateKey;

/**
 * Builds the in-toto Statement v1 of an evaluation report and signs it as a DSSE envelope, the way an evaluator
 * (alpha-bench, the CLI's {@code sign-report}, tests) produces what {@code POST /evaluations} accepts.
 */
public final class EvaluationStatements {
    /** The DSSE {@code payloadType} of every evaluation report. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    /** The statement's {@code _type}. */
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    /** The statement's {@code predicateType}. */
    public static final String PREDICATE_TYPE = "urn:model-registry:evaluation-report:v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationStatements() {
    }

    /**
     * The statement as compact JSON bytes: one subject ({@code modelId} with digest {@code sha256: lineageHash})
     * and the predicate {@code {report_id, objective, verdict, metrics, evaluator, created_at}}. Values are written
     * as given; the registry, not this helper, decides what is valid.
     */
    public static byte[] statement(String modelId, String lineageHash, String reportId, String objective,
                                   String verdict, JsonNode metrics, String evaluator, String createdAt) {
        ObjectNode statement = JSON.createObjectNode().put("_type", STATEMENT_TYPE);
        ObjectNode subject = statement.putArray("subject").addObject().put("name", modelId);
        subject.putObject("digest").put("sha256", lineageHash);
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate")
                .put("report_id", reportId)
                .put("objective", objective)
                .put("verdict", verdict);
        predicate.set("metrics", metrics == null ? JSON.createObjectNode() : metrics.deepCopy());
        predicate.put("evaluator", evaluator).put("created_at", createdAt);
        try {
            return JSON.writeValueAsBytes(statement);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Signs statement bytes (exactly as given) as a DSSE envelope of {@link #PAYLOAD_TYPE}. */
    public static DsseEnvelope sign(byte[] statement, String keyid, PrivateKey key) {
        return Dsse.sign(PAYLOAD_TYPE, statement, keyid, key);
    }
}
