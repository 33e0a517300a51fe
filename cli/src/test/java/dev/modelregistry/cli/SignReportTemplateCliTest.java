package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evaluator's whole round trip through the CLI against a real server: {@code sign-report --template} fills the
 * subject from the registry, the evaluator edits metrics and verdict, {@code sign-report} signs it, {@code evaluate}
 * submits it, and the approver promotes on it; an unedited template says fail, so nothing is promoted on it.
 */
class SignReportTemplateCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger COMMITS = new AtomicInteger(0x5100000);
    private static final KeyPair KEY = Ed25519Pem.generate();
    private static RealRegistry registry;
    private static PromotionFixture fixture;
    private static Map<String, String> quant;
    private static Map<String, String> approver;
    private static Path privateKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = RealRegistry.start("cli-template", "cli-template-admin-token-0123456789abcdef");
        fixture = registry.fixture("tp");
        fixture.admin.access().createEvaluator("tp-alpha");
        fixture.admin.access().addEvaluatorKey("tp-alpha", "tp-k1", Ed25519Pem.toPem(KEY.getPublic()));
        privateKey = Files.writeString(Files.createTempFile("tp-k1", ".pem"), Ed25519Pem.toPem(KEY.getPrivate()));
        quant = registry.env(fixture.registrantToken);
        approver = registry.env(fixture.approverToken);
    }

    @AfterAll
    static void stop() {
        fixture.close();
        registry.close();
    }

    @Test
    void aTemplateFilledInSignedAndSubmittedIsWhatTheVersionIsPromotedOn() throws Exception {
        JsonNode version = register("tp-xsmom", "--report-id", "rep-tp-7", "--objective", "rank_ic");
        String modelId = version.get("model_id").asText();

        JsonNode template = JSON.readTree(run(quant, 0, "sign-report", "--template", modelId, "--evaluator",
                "tp-alpha").out());
        assertThat(template.get("_type").asText()).isEqualTo(EvaluationStatements.STATEMENT_TYPE);
        assertThat(template.get("predicateType").asText()).isEqualTo(EvaluationStatements.PREDICATE_TYPE);
        assertThat(template.get("subject")).singleElement().satisfies(subject -> {
            assertThat(subject.get("name").asText()).isEqualTo(modelId);
            assertThat(subject.path("digest").path("sha256").asText()).isEqualTo(version.get("lineage_hash").asText());
        });
        JsonNode predicate = template.get("predicate");
        assertThat(predicate.get("report_id").asText()).isEqualTo("rep-tp-7");
        assertThat(predicate.get("objective").asText()).isEqualTo("rank_ic");
        assertThat(predicate.get("verdict").asText()).isEqualTo("fail");
        assertThat(predicate.get("metrics").isEmpty()).isTrue();
        assertThat(predicate.get("evaluator").asText()).isEqualTo("tp-alpha");
        assertThat(OffsetDateTime.parse(predicate.get("created_at").asText())).isNotNull();

        ObjectNode edited = template.deepCopy();
        ((ObjectNode) edited.get("predicate")).put("verdict", "pass").putObject("metrics").put("rank_ic", 0.031);
        submit(edited, "edited");

        assertThat(run(quant, 0, "evaluations", modelId).out()).contains("rep-tp-7", "pass", "tp-alpha");
        run(quant, 0, "seal", modelId);
        CliRun promoted = run(approver, 0, "promote", modelId, "--approver", fixture.approverName);
        assertThat(promoted.out()).contains("production", modelId);
    }

    @Test
    void aVerdictAndMetricsGivenAsFlagsMakeAStatementReadyToSign() throws Exception {
        String modelId = register("tp-flags").get("model_id").asText();

        JsonNode statement = JSON.readTree(run(quant, 0, "sign-report", "--template", modelId, "--evaluator",
                "tp-alpha", "--objective", "rank_ic", "--verdict", "pass", "--metric", "rank_ic=0.031", "--metric",
                "universe=US large caps").out());
        assertThat(statement.path("predicate").path("verdict").asText()).isEqualTo("pass");
        assertThat(statement.path("predicate").get("metrics"))
                .isEqualTo(JSON.readTree("{\"rank_ic\": 0.031, \"universe\": \"US large caps\"}"));
        submit(statement, "flags");

        run(quant, 0, "seal", modelId);
        run(approver, 0, "promote", modelId, "--approver", fixture.approverName);
    }

    @Test
    void anUneditedTemplateSaysFailSoNoPromotionPassesOnIt() throws Exception {
        String modelId = register("tp-unedited").get("model_id").asText();

        JsonNode template = JSON.readTree(run(quant, 0, "sign-report", "--template", modelId, "--evaluator", "tp-alpha",
                "--objective", "sharpe").out());
        assertThat(template.path("predicate").path("report_id").asText()).matches("rep-[0-9a-f]{12}");
        submit(template, "unedited");

        run(quant, 0, "seal", modelId);
        assertThat(run(approver, 2, "promote", modelId, "--approver", fixture.approverName).err()).contains("pass");
    }

    @Test
    void aTemplateNeedsTheEvaluatorAnObjectiveAndAVersionThatExists() throws Exception {
        String modelId = register("tp-refused").get("model_id").asText();

        assertThat(run(quant, 2, "sign-report", "--template", modelId).err()).contains("--evaluator");
        assertThat(run(quant, 2, "sign-report", "--template", modelId, "--evaluator", "tp-alpha").err())
                .contains("names no evaluation objective: give --objective");
        assertThat(run(quant, 2, "sign-report", "--template", "tp-refused@2020.01.01-r1", "--evaluator", "tp-alpha",
                "--objective", "x").err()).contains("does not exist");
        assertThat(run(quant, 2, "sign-report", "--template", modelId, "--evaluator", "tp-alpha", "--objective", "x",
                "--verdict", "maybe").err()).contains("would be refused by the registry", "predicate.verdict");
        assertThat(run(quant, 2, "sign-report", "--template", modelId, "--key", privateKey.toString()).err())
                .contains("do not go with --template");
        assertThat(run(quant, 2, "sign-report", "--evaluator", "tp-alpha", "x.json").err())
                .contains("do not go with signing");
        CliRun unsigned = run(quant, 2, "sign-report", "--keyid", "tp-k1");
        assertThat(unsigned.err()).contains("missing --key, STATEMENT.json");
        assertThat(unsigned.out()).isEmpty();
    }

    /** Signs the statement as written to a file, with the evaluator's key, and submits the envelope. */
    private void submit(JsonNode statement, String name) throws Exception {
        Path file = Files.writeString(dir.resolve(name + ".statement.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(statement));
        CliRun signed = run(quant, 0, "sign-report", "--key", privateKey.toString(), "--keyid", "tp-k1",
                file.toString());
        Path envelope = Files.writeString(dir.resolve(name + ".dsse.json"), signed.out());
        run(quant, 0, "evaluate", envelope.toString());
    }

    private static JsonNode register(String model, String... evaluation) throws Exception {
        String[] args = {"register", model, "--commit", String.format("%07x", COMMITS.incrementAndGet()),
                "--feature-graph", "8b2e9f01", "--window", "2018-01-01", "2026-04-30", "--owner", fixture.team,
                "--json"};
        String[] all = new String[args.length + evaluation.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(evaluation, 0, all, args.length, evaluation.length);
        return JSON.readTree(run(quant, 0, all).out());
    }

    private static CliRun run(Map<String, String> env, int expectedExit, String... args) {
        return CliRun.expect(env, expectedExit, args);
    }
}
