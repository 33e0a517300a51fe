package dev.modelregistry.core.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationStatementsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statementIsAnInTotoStatementWithOneSubjectAndTheEvaluationPredicate() throws Exception {
        byte[] bytes = EvaluationStatements.statement("xsmom@2026.05.15-r3", "ab".repeat(32), "rep-1", "rank_ic",
                "pass", JSON.createObjectNode().put("rank_ic", 0.031).put("universe", "us-large"), "alpha-bench",
                "2026-05-15T10:00:00Z");

        JsonNode statement = JSON.readTree(bytes);

        assertThat(statement.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(statement.get("subject")).hasSize(1);
        assertThat(statement.at("/subject/0/name").asText()).isEqualTo("xsmom@2026.05.15-r3");
        assertThat(statement.at("/subject/0/digest/sha256").asText()).isEqualTo("ab".repeat(32));
        assertThat(statement.get("predicateType").asText()).isEqualTo("urn:model-registry:evaluation-report:v1");
        assertThat(statement.at("/predicate/report_id").asText()).isEqualTo("rep-1");
        assertThat(statement.at("/predicate/objective").asText()).isEqualTo("rank_ic");
        assertThat(statement.at("/predicate/verdict").asText()).isEqualTo("pass");
        assertThat(statement.at("/predicate/metrics/rank_ic").asDouble()).isEqualTo(0.031);
        assertThat(statement.at("/predicate/evaluator").asText()).isEqualTo("alpha-bench");
        assertThat(statement.at("/predicate/created_at").asText()).isEqualTo("2026-05-15T10:00:00Z");
    }

    @Test
    void signedStatementIsAnInTotoEnvelopeThatVerifiesWithTheSigningKey() {
        KeyPair signer = Ed25519Pem.generate();
        byte[] statement = EvaluationStatements.statement("m@2026.01.01-r1", "00".repeat(32), "r", "o", "fail",
                null, "e", "2026-01-01T00:00:00+01:00");

        DsseEnvelope envelope = EvaluationStatements.sign(statement, "k1", signer.getPrivate());

        assertThat(envelope.payloadType()).isEqualTo("application/vnd.in-toto+json");
        assertThat(envelope.payload()).isEqualTo(statement);
        assertThat(envelope.signatures().getFirst().keyid()).isEqualTo("k1");
        assertThat(Dsse.verifiedBy(envelope, signer.getPublic())).isTrue();
    }
}
