package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.DsseSignature;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The verification order of the contract, without a database: envelope, signature, payload type, statement, subject. */
class EvaluationVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL_ID = "xsmom@2026.05.15-r3";
    private static final String LINEAGE = "ab".repeat(32);
    private static final Instant CREATED = Instant.parse("2026-05-01T00:00:00Z");

    private final KeyPair alphaKey = Ed25519Pem.generate();
    private final KeyPair betaKey = Ed25519Pem.generate();
    private final KeyPair revokedKey = Ed25519Pem.generate();
    private final KeyPair strangerKey = Ed25519Pem.generate();
    private final List<EvaluatorKey> keys = List.of(
            active("alpha-bench", "alpha-1", alphaKey),
            active("beta-bench", "beta-1", betaKey),
            new EvaluatorKey("alpha-bench", "alpha-0", Ed25519Pem.toPem(revokedKey.getPublic()), CREATED,
                    Optional.of(CREATED.plusSeconds(60))));

    @Test
    void aReportSignedWithAnActiveKeyVerifiesAndNamesTheSigningKey() {
        EvaluationVerifier.Verified verified = EvaluationVerifier.verify(envelope(statement(), "alpha-1", alphaKey), keys);

        assertThat(verified.key().evaluator()).isEqualTo("alpha-bench");
        assertThat(verified.key().keyid()).isEqualTo("alpha-1");
        EvaluationStatement statement = verified.statement();
        assertThat(statement.modelId()).isEqualTo(MODEL_ID);
        assertThat(statement.lineageHash()).isEqualTo(LINEAGE);
        assertThat(statement.reportId()).isEqualTo("rep-1");
        assertThat(statement.objective()).isEqualTo("rank_ic");
        assertThat(statement.verdict()).isEqualTo(EvaluationReport.Verdict.PASS);
        assertThat(statement.metrics().get("rank_ic").asDouble()).isEqualTo(0.031);
        assertThat(statement.createdAt()).isEqualTo("2026-05-15T10:00:00+02:00");
    }

    @Test
    void theKeyidIsOnlyAHintSoAWrongOrMissingOneStillVerifies() {
        assertThat(EvaluationVerifier.verify(envelope(statement(), "beta-1", alphaKey), keys).key().keyid())
                .isEqualTo("alpha-1");
        assertThat(EvaluationVerifier.verify(envelope(statement(), "", alphaKey), keys).key().keyid())
                .isEqualTo("alpha-1");
    }

    @Test
    void urlSafeBase64WithoutPaddingIsAccepted() {
        ObjectNode envelope = envelope(statement(), "alpha-1", alphaKey);
        DsseEnvelope parsed = DsseEnvelope.parse(envelope);
        Base64.Encoder urlSafe = Base64.getUrlEncoder().withoutPadding();
        envelope.put("payload", urlSafe.encodeToString(parsed.payload()));
        ((ObjectNode) envelope.get("signatures").get(0)).put("sig", urlSafe.encodeToString(parsed.signatures().get(0).sig()));

        assertThat(EvaluationVerifier.verify(envelope, keys).statement().reportId()).isEqualTo("rep-1");
    }

    @Test
    void aKeyNobodyRegisteredIsUnknown() {
        assertRefused(envelope(statement(), "stranger", strangerKey), ErrorCode.EVALUATION_KEY_UNKNOWN);
    }

    @Test
    void aRevokedKeyIsRefusedWhetherTheKeyidNamesItOrNot() {
        assertRefused(envelope(statement(), "alpha-0", revokedKey), ErrorCode.EVALUATION_KEY_REVOKED);
        assertRefused(envelope(statement(), "no-such-key", revokedKey), ErrorCode.EVALUATION_KEY_REVOKED);
    }

    @Test
    void aKeyidOfAnActiveKeyWhoseSignatureDoesNotVerifyIsSignatureInvalid() {
        assertRefused(envelope(statement(), "alpha-1", strangerKey), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureOverTheRawPayloadInsteadOfThePaeIsSignatureInvalid() throws Exception {
        byte[] payload = statement();
        Signature raw = Signature.getInstance("Ed25519");
        raw.initSign(alphaKey.getPrivate());
        raw.update(payload);
        DsseEnvelope envelope = new DsseEnvelope(EvaluationStatements.PAYLOAD_TYPE, payload,
                List.of(new DsseSignature("alpha-1", raw.sign())));

        assertRefused(envelope.toJson(), ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void aPayloadChangedAfterSigningIsSignatureInvalid() {
        ObjectNode envelope = envelope(statement(), "alpha-1", alphaKey);
        byte[] changed = new String(statement(), StandardCharsets.UTF_8).replace("\"pass\"", "\"fail\"")
                .getBytes(StandardCharsets.UTF_8);
        envelope.put("payload", Base64.getEncoder().encodeToString(changed));

        assertRefused(envelope, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void theSignatureIsCheckedBeforeThePayloadType() {
        ObjectNode envelope = Dsse.sign("text/plain", statement(), "alpha-1", alphaKey.getPrivate()).toJson();
        assertRefused(envelope, ErrorCode.PAYLOAD_TYPE_INVALID);

        envelope.put("payload", Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)));
        assertRefused(envelope, ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void aWrongPredicateTypeIsStatementInvalid() {
        byte[] statement = edit(s -> s.put("predicateType", "https://slsa.dev/provenance/v1"));
        assertThat(statementErrors(envelope(statement, "alpha-1", alphaKey))).containsExactly("predicateType");
    }

    @Test
    void aWrongStatementTypeIsStatementInvalid() {
        byte[] statement = edit(s -> s.put("_type", "https://in-toto.io/Statement/v0.1"));
        assertThat(statementErrors(envelope(statement, "alpha-1", alphaKey))).containsExactly("_type");
    }

    @Test
    void aPredicateNamingAnotherEvaluatorThanTheSigningKeysIsStatementInvalid() {
        byte[] statement = edit(s -> ((ObjectNode) s.get("predicate")).put("evaluator", "beta-bench"));
        assertThat(statementErrors(envelope(statement, "alpha-1", alphaKey))).containsExactly("predicate.evaluator");
    }

    @Test
    void everyBadPredicateFieldIsReportedAtOnce() {
        byte[] statement = edit(s -> {
            ObjectNode predicate = (ObjectNode) s.get("predicate");
            predicate.put("report_id", "").put("objective", "x".repeat(129)).put("verdict", "PASS")
                    .put("created_at", "2026-05-15T10:00:00").put("score", 1);
            predicate.putObject("metrics").putObject("nested").put("a", 1);
        });

        assertThat(statementErrors(envelope(statement, "alpha-1", alphaKey))).containsExactlyInAnyOrder(
                "predicate.report_id", "predicate.objective", "predicate.verdict", "predicate.created_at",
                "predicate.score", "predicate.metrics.nested");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:00:00Z", "2026-05-15 10:00:00Z", "2026-05-15", "2026-05-15T10:00Z", "yesterday"})
    void createdAtMustBeAnRfc3339TimestampWithOffset(String createdAt) {
        byte[] statement = edit(s -> ((ObjectNode) s.get("predicate")).put("created_at", createdAt));
        assertThat(statementErrors(envelope(statement, "alpha-1", alphaKey))).containsExactly("predicate.created_at");
    }

    @Test
    void aPayloadThatIsNotJsonOrHasDuplicateKeysIsStatementInvalid() {
        assertRefused(envelope("not json".getBytes(StandardCharsets.UTF_8), "alpha-1", alphaKey), ErrorCode.STATEMENT_INVALID);
        byte[] duplicate = "{\"_type\":\"a\",\"_type\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        assertRefused(envelope(duplicate, "alpha-1", alphaKey), ErrorCode.STATEMENT_INVALID);
    }

    @Test
    void aReportMustNameExactlyOneSubjectWithASha256Digest() {
        byte[] two = edit(s -> ((ArrayNode) s.get("subject")).add(s.get("subject").get(0).deepCopy()));
        assertRefused(envelope(two, "alpha-1", alphaKey), ErrorCode.SUBJECT_MISMATCH);
        byte[] none = edit(s -> s.putArray("subject"));
        assertRefused(envelope(none, "alpha-1", alphaKey), ErrorCode.SUBJECT_MISMATCH);
        byte[] noSha256 = edit(s -> ((ObjectNode) s.get("subject").get(0)).putObject("digest").put("sha512", "00"));
        assertRefused(envelope(noSha256, "alpha-1", alphaKey), ErrorCode.SUBJECT_MISMATCH);
    }

    @Test
    void anEnvelopeThatIsNotAnObjectIsMalformed() {
        assertRefused(JSON.createArrayNode(), ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void malformedEnvelopeFieldsAreValidationErrorsNamingEachField() {
        ObjectNode envelope = envelope(statement(), "alpha-1", alphaKey);
        envelope.put("payload", "not base64!").put("extra", 1);
        ((ObjectNode) envelope.get("signatures").get(0)).put("sig", 42).put("cert", "x");
        envelope.remove("payloadType");

        RegistryException refusal = refusal(envelope);

        assertThat(refusal.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "extra", "payloadType", "payload", "signatures[0].cert", "signatures[0].sig");
    }

    @Test
    void signaturesMustBeANonEmptyBoundedArray() {
        ObjectNode envelope = envelope(statement(), "alpha-1", alphaKey);
        envelope.putArray("signatures");
        assertThat(refusal(envelope).errors()).extracting(FieldError::field).containsExactly("signatures");

        ArrayNode many = envelope.putArray("signatures");
        for (int i = 0; i <= EvaluationVerifier.MAX_SIGNATURES; i++) {
            many.addObject().put("keyid", "k").put("sig", "AAAA");
        }
        assertThat(refusal(envelope).errors()).extracting(FieldError::field).containsExactly("signatures");
    }

    // ---- helpers ----

    private static EvaluatorKey active(String evaluator, String keyid, KeyPair pair) {
        return new EvaluatorKey(evaluator, keyid, Ed25519Pem.toPem(pair.getPublic()), CREATED, Optional.empty());
    }

    private static byte[] statement() {
        return EvaluationStatements.statement(MODEL_ID, LINEAGE, "rep-1", "rank_ic", "pass",
                JSON.createObjectNode().put("rank_ic", 0.031).put("universe", "us-large"), "alpha-bench",
                "2026-05-15T10:00:00+02:00");
    }

    private static byte[] edit(Consumer<ObjectNode> change) {
        try {
            ObjectNode statement = (ObjectNode) JSON.readTree(statement());
            change.accept(statement);
            return JSON.writeValueAsBytes(statement);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode envelope(byte[] statement, String keyid, KeyPair signer) {
        return EvaluationStatements.sign(statement, keyid, signer.getPrivate()).toJson();
    }

    private RegistryException refusal(JsonNode envelope) {
        RegistryException refusal = catchThrowableOfType(RegistryException.class,
                () -> EvaluationVerifier.verify(envelope, keys));
        assertThat(refusal).as("the envelope is refused").isNotNull();
        return refusal;
    }

    private void assertRefused(JsonNode envelope, ErrorCode code) {
        assertThat(refusal(envelope).code()).isEqualTo(code);
    }

    private List<String> statementErrors(JsonNode envelope) {
        RegistryException refusal = refusal(envelope);
        assertThat(refusal.code()).isEqualTo(ErrorCode.STATEMENT_INVALID);
        return refusal.errors().stream().map(FieldError::field).toList();
    }
}
