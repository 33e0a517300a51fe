package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.DsseSignature;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /evaluations: signed evaluation reports, bound to a version's lineage hash; every refusal stores nothing. */
abstract class EvaluationApiContractTest extends ApiTestSupport {

    /** A registered version, an evaluator with one active key, and a team member's token. */
    private record Fixture(String model, String modelId, String lineageHash, String evaluator, String keyid,
                           KeyPair key, String token) {
        String evaluationsPath() {
            return "/models/" + model + "/versions/" + modelId + "/evaluations";
        }

        byte[] statement(String reportId, String verdict) {
            return EvaluationStatements.statement(modelId, lineageHash, reportId, "rank_ic", verdict,
                    JSON.createObjectNode().put("rank_ic", 0.031).put("universe", "us-large"), evaluator,
                    "2026-05-15T10:00:00Z");
        }

        ObjectNode signed(byte[] statement) {
            return EvaluationStatements.sign(statement, keyid, key.getPrivate()).toJson();
        }

        ObjectNode report(String reportId) {
            return signed(statement(reportId, "pass"));
        }
    }

    @Test
    void aValidReportIsStoredListedAndAudited() {
        Fixture f = fixture();
        String reportId = unique("rep");

        Response stored = assertStatus(201, post("/evaluations", f.token(), f.report(reportId)));

        JsonNode report = stored.body();
        assertThat(report.get("report_id").asText()).isEqualTo(reportId);
        assertThat(report.get("model_id").asText()).isEqualTo(f.modelId());
        assertThat(report.get("lineage_hash").asText()).isEqualTo(f.lineageHash());
        assertThat(report.get("evaluator").asText()).isEqualTo(f.evaluator());
        assertThat(report.get("keyid").asText()).isEqualTo(f.keyid());
        assertThat(report.get("objective").asText()).isEqualTo("rank_ic");
        assertThat(report.get("verdict").asText()).isEqualTo("pass");
        assertThat(report.get("metrics")).isEqualTo(JSON.createObjectNode().put("rank_ic", 0.031).put("universe", "us-large"));
        assertThat(report.get("created_at").asText()).isEqualTo("2026-05-15T10:00:00Z");
        assertThat(report.get("received_at").isTextual()).isTrue();
        assertThat(evaluations(f)).containsExactly(report);
        assertThat(auditCount("evaluation:" + reportId, "evaluation.recorded")).isEqualTo(1);
        assertThat(auditOf("model:" + f.model()).stream().map(e -> e.get("action").asText()))
                .contains("evaluation.recorded");
    }

    @Test
    void theIdenticalEnvelopeAgainIs200AndStoresNothingNew() {
        Fixture f = fixture();
        String reportId = unique("rep");
        ObjectNode envelope = f.report(reportId);
        JsonNode first = assertStatus(201, post("/evaluations", f.token(), envelope)).body();

        Response again = assertStatus(200, post("/evaluations", f.token(), envelope));

        assertThat(again.body()).isEqualTo(first);
        assertThat(evaluations(f)).hasSize(1);
        assertThat(auditCount("evaluation:" + reportId, "evaluation.recorded")).isEqualTo(1);
    }

    @Test
    void aReportIdReusedWithOtherContentIsAlreadyExists() {
        Fixture f = fixture();
        String reportId = unique("rep");
        JsonNode first = assertStatus(201, post("/evaluations", f.token(), f.report(reportId))).body();

        assertProblem(post("/evaluations", f.token(), f.signed(f.statement(reportId, "fail"))), 409, "already-exists");

        assertThat(evaluations(f)).containsExactly(first);
    }

    @Test
    void aFailingVerdictIsStoredToo() {
        Fixture f = fixture();

        Response stored = assertStatus(201, post("/evaluations", f.token(), f.signed(f.statement(unique("rep"), "fail"))));

        assertThat(stored.body().get("verdict").asText()).isEqualTo("fail");
        assertThat(evaluations(f)).singleElement().satisfies(r -> assertThat(r.get("verdict").asText()).isEqualTo("fail"));
    }

    @Test
    void urlSafeBase64IsAccepted() {
        Fixture f = fixture();
        ObjectNode envelope = f.report(unique("rep"));
        DsseEnvelope parsed = DsseEnvelope.parse(envelope);
        Base64.Encoder urlSafe = Base64.getUrlEncoder().withoutPadding();
        envelope.put("payload", urlSafe.encodeToString(parsed.payload()));
        ((ObjectNode) envelope.get("signatures").get(0)).put("sig", urlSafe.encodeToString(parsed.signatures().get(0).sig()));

        assertStatus(201, post("/evaluations", f.token(), envelope));

        assertThat(evaluations(f)).hasSize(1);
    }

    @Test
    void anyAuthenticatedCallerMaySubmitButNotAnAnonymousOne() {
        Fixture f = fixture();
        assertProblem(post("/evaluations", null, f.report(unique("rep"))), 401, "unauthenticated");
        assertThat(evaluations(f)).isEmpty();

        assertStatus(201, post("/evaluations", user(unique("bench-service")), f.report(unique("rep"))));
    }

    @Test
    void aReportSignedWithAnUnregisteredKeyIsRefused() {
        Fixture f = fixture();
        ObjectNode envelope = EvaluationStatements.sign(f.statement(unique("rep"), "pass"), "unregistered",
                Ed25519Pem.generate().getPrivate()).toJson();

        assertRefusedAndNothingStored(f, envelope, 422, "evaluation-key-unknown");
    }

    @Test
    void revocationTakesEffectAtOnce() {
        Fixture f = fixture();
        assertStatus(201, post("/evaluations", f.token(), f.report(unique("rep"))));

        assertStatus(204, delete("/evaluators/" + f.evaluator() + "/keys/" + f.keyid(), ADMIN));

        ObjectNode afterRevocation = f.report(unique("rep"));
        assertProblem(post("/evaluations", f.token(), afterRevocation), 422, "evaluation-key-revoked");
        assertThat(evaluations(f)).hasSize(1);
    }

    @Test
    void aSignatureOverTheRawPayloadInsteadOfThePaeIsRefused() throws Exception {
        Fixture f = fixture();
        byte[] payload = f.statement(unique("rep"), "pass");
        Signature raw = Signature.getInstance("Ed25519");
        raw.initSign(f.key().getPrivate());
        raw.update(payload);
        ObjectNode envelope = new DsseEnvelope(EvaluationStatements.PAYLOAD_TYPE, payload,
                List.of(new DsseSignature(f.keyid(), raw.sign()))).toJson();

        assertRefusedAndNothingStored(f, envelope, 422, "signature-invalid");
    }

    @Test
    void aPayloadChangedAfterSigningIsRefused() {
        Fixture f = fixture();
        ObjectNode envelope = f.report(unique("rep"));
        byte[] failed = f.statement(unique("rep"), "fail");
        envelope.put("payload", Base64.getEncoder().encodeToString(failed));

        assertRefusedAndNothingStored(f, envelope, 422, "signature-invalid");
    }

    @Test
    void aSubjectNamingAnotherLineageHashIsRefused() {
        Fixture f = fixture();
        byte[] statement = EvaluationStatements.statement(f.modelId(), randomHex(64), unique("rep"), "rank_ic", "pass",
                JSON.createObjectNode(), f.evaluator(), "2026-05-15T10:00:00Z");

        assertRefusedAndNothingStored(f, f.signed(statement), 422, "subject-mismatch");
    }

    @Test
    void aSubjectNamingAnUnknownModelIdIsRefused() {
        Fixture f = fixture();
        byte[] statement = EvaluationStatements.statement(f.model() + "@2001.01.01-r9", f.lineageHash(), unique("rep"),
                "rank_ic", "pass", JSON.createObjectNode(), f.evaluator(), "2026-05-15T10:00:00Z");

        assertRefusedAndNothingStored(f, f.signed(statement), 422, "subject-mismatch");
    }

    @Test
    void aPayloadNestedDeeperThan64LevelsIsRefused() throws Exception {
        Fixture f = fixture();
        JsonNode deep = JSON.readTree("{\"x\":".repeat(100) + "1" + "}".repeat(100));
        byte[] statement = EvaluationStatements.statement(f.modelId(), f.lineageHash(), unique("rep"), "rank_ic", "pass",
                deep, f.evaluator(), "2026-05-15T10:00:00Z");

        Response refused = assertRefusedAndNothingStored(f, f.signed(statement), 422, "statement-invalid");

        assertThat(refused.body().get("detail").asText()).contains("64 levels");
    }

    @Test
    void aWrongPayloadTypeIsRefused() {
        Fixture f = fixture();
        ObjectNode envelope = Dsse.sign("application/json", f.statement(unique("rep"), "pass"), f.keyid(),
                f.key().getPrivate()).toJson();

        assertRefusedAndNothingStored(f, envelope, 422, "payload-type-invalid");
    }

    @Test
    void aWrongPredicateTypeIsRefused() {
        Fixture f = fixture();
        String statement = new String(f.statement(unique("rep"), "pass"), StandardCharsets.UTF_8)
                .replace(EvaluationStatements.PREDICATE_TYPE, "https://slsa.dev/provenance/v1");

        Response refused = assertRefusedAndNothingStored(f, f.signed(statement.getBytes(StandardCharsets.UTF_8)),
                422, "statement-invalid");

        assertThat(errorFields(refused)).containsExactly("predicateType");
    }

    @Test
    void aPredicateNamingAnotherEvaluatorIsRefused() {
        Fixture f = fixture();
        String other = unique("other-bench");
        assertStatus(201, post("/evaluators", ADMIN, nameBody(other)));
        byte[] statement = EvaluationStatements.statement(f.modelId(), f.lineageHash(), unique("rep"), "rank_ic", "pass",
                JSON.createObjectNode(), other, "2026-05-15T10:00:00Z");

        Response refused = assertRefusedAndNothingStored(f, f.signed(statement), 422, "statement-invalid");

        assertThat(errorFields(refused)).containsExactly("predicate.evaluator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "\"envelope\"", "{\"payloadType\": 1"})
    void aBodyThatIsNotAJsonObjectIsMalformed(String body) {
        Fixture f = fixture();
        assertProblem(post("/evaluations", f.token(), body), 400, "malformed-request");
        assertThat(evaluations(f)).isEmpty();
    }

    @Test
    void anEnvelopeWithUnknownOrMalformedFieldsIsRefusedNamingThem() {
        Fixture f = fixture();
        ObjectNode envelope = f.report(unique("rep")).put("comment", "hi");
        envelope.put("payload", "%%%");
        envelope.putArray("signatures");

        Response refused = assertRefusedAndNothingStored(f, envelope, 400, "validation-failed");

        assertThat(errorFields(refused)).containsExactlyInAnyOrder("comment", "payload", "signatures");
    }

    @Test
    void listingEvaluationsOfAnUnknownVersionIsNotFound() {
        Fixture f = fixture();
        assertProblem(get("/models/" + f.model() + "/versions/" + f.model() + "@2001.01.01-r9/evaluations", f.token()),
                404, "not-found");
        assertProblem(get("/models/no-such-model/versions/" + f.modelId() + "/evaluations", f.token()), 404, "not-found");
        assertProblem(get("/models/Bad%20Name/versions/" + f.modelId() + "/evaluations", f.token()), 404, "not-found");
    }

    // ---- fixtures and assertions ----

    private static Fixture fixture() {
        String team = unique("team");
        String token = teamWithMember(team);
        String model = unique("model");
        JsonNode version = register(model, token, registration(team));
        String evaluator = unique("bench");
        assertStatus(201, post("/evaluators", ADMIN, nameBody(evaluator)));
        KeyPair key = Ed25519Pem.generate();
        String keyid = Ed25519Pem.keyId(key.getPublic());
        assertStatus(201, post("/evaluators/" + evaluator + "/keys", ADMIN,
                object().put("keyid", keyid).put("public_key_pem", Ed25519Pem.toPem(key.getPublic()))));
        return new Fixture(model, version.get("model_id").asText(), version.get("lineage_hash").asText(), evaluator,
                keyid, key, token);
    }

    private static List<JsonNode> evaluations(Fixture f) {
        return items(assertStatus(200, get(f.evaluationsPath(), f.token())));
    }

    private static Response assertRefusedAndNothingStored(Fixture f, JsonNode envelope, int status, String slug) {
        Response refused = assertProblem(post("/evaluations", f.token(), envelope), status, slug);
        assertThat(evaluations(f)).as("reports stored after a refusal").isEmpty();
        assertThat(auditOf("model:" + f.model()).stream().map(e -> e.get("action").asText()))
                .doesNotContain("evaluation.recorded");
        return refused;
    }
}
