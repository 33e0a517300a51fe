package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An evaluator's round trip through the real CLI against a real server: sign a statement offline with
 * {@code sign-report}, submit it with {@code evaluate}, and see a report signed after the key's revocation refused.
 */
class EvaluationCliTest {
    private static final String ADMIN = "cli-eval-admin-token-0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RegistryServer server;
    private static Map<String, String> adminEnv;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        Path data = Files.createTempDirectory("modelreg-cli-eval");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(data).withPort(0).withBootstrapAdminToken(ADMIN));
        adminEnv = Map.of("MODELREG_URL", "http://127.0.0.1:" + server.port(), "MODELREG_TOKEN", ADMIN);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void anEvaluatorSignsAndSubmitsAReportUntilItsKeyIsRevoked() throws Exception {
        KeyPair key = Ed25519Pem.generate();
        Path publicPem = Files.writeString(dir.resolve("alpha.pub.pem"), Ed25519Pem.toPem(key.getPublic()));
        Path privatePem = Files.writeString(dir.resolve("alpha.pem"), Ed25519Pem.toPem(key.getPrivate()));
        ok(CliRun.run(adminEnv, "teams", "create", "desk"));
        ok(CliRun.run(adminEnv, "evaluators", "create", "alpha-bench"));
        ok(CliRun.run(adminEnv, "evaluators", "add-key", "alpha-bench", "--keyid", "alpha-1", "--public-key",
                publicPem.toString()));
        JsonNode version = JSON.readTree(ok(CliRun.run(adminEnv, "register", "xsmom", "--commit", "a13fce0",
                "--feature-graph", "8b2e9f01", "--window", "2018-01-01", "2026-04-30", "--owner", "desk", "--json")).out());
        String modelId = version.get("model_id").asText();
        Path statement = statement("rep-1", modelId, version.get("lineage_hash").asText());

        CliRun signed = ok(CliRun.run(adminEnv, "sign-report", "--key", privatePem.toString(), "--keyid", "alpha-1",
                statement.toString()));
        DsseEnvelope envelope = DsseEnvelope.parse(JSON.readTree(signed.out()));
        assertThat(envelope.payloadType()).isEqualTo(EvaluationStatements.PAYLOAD_TYPE);
        assertThat(envelope.payload()).isEqualTo(Files.readAllBytes(statement));
        assertThat(Dsse.verifiedBy(envelope, key.getPublic())).isTrue();
        Path envelopeFile = Files.writeString(dir.resolve("rep-1.dsse.json"), signed.out());

        JsonNode report = JSON.readTree(ok(CliRun.run(adminEnv, "evaluate", envelopeFile.toString(), "--json")).out());
        assertThat(report.get("report_id").asText()).isEqualTo("rep-1");
        assertThat(report.get("model_id").asText()).isEqualTo(modelId);
        assertThat(report.get("evaluator").asText()).isEqualTo("alpha-bench");
        assertThat(report.get("verdict").asText()).isEqualTo("pass");
        assertThat(ok(CliRun.run(adminEnv, "evaluate", envelopeFile.toString())).out()).contains("rep-1");

        ok(CliRun.run(adminEnv, "evaluators", "revoke-key", "alpha-bench", "alpha-1"));
        Path late = dir.resolve("rep-2.dsse.json");
        Files.writeString(late, ok(CliRun.run(adminEnv, "sign-report", "--key", privatePem.toString(), "--keyid",
                "alpha-1", statement("rep-2", modelId, version.get("lineage_hash").asText()).toString())).out());
        CliRun refused = CliRun.run(adminEnv, "evaluate", late.toString());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("revoked");

        try (RegistryClient client = new RegistryClient(URI.create(adminEnv.get("MODELREG_URL")), ADMIN)) {
            assertThat(client.evaluations("xsmom", modelId).items()).singleElement()
                    .satisfies(r -> assertThat(r.get("report_id").asText()).isEqualTo("rep-1"));
        }
    }

    @Test
    void signReportRefusesAKeyThatIsNotAnEd25519PrivateKey() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("public.pem"), Ed25519Pem.toPem(Ed25519Pem.generate().getPublic()));
        Path statement = statement("rep-x", "m@2026.01.01-r1", "00".repeat(32));

        CliRun refused = CliRun.run(adminEnv, "sign-report", "--key", notAKey.toString(), "--keyid", "k", statement.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--key");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void signReportRefusesAStatementTheRegistryWouldRefuseAndSignsNothing() throws Exception {
        Path privatePem = Files.writeString(dir.resolve("k.pem"), Ed25519Pem.toPem(Ed25519Pem.generate().getPrivate()));
        byte[] maybe = EvaluationStatements.statement("m@2026.01.01-r1", "00".repeat(32), "rep-m", "rank_ic", "maybe",
                null, "alpha-bench", "2026-02-30T10:00:00Z");
        Path badVerdict = Files.write(dir.resolve("maybe.statement.json"), maybe);

        CliRun refused = CliRun.run(adminEnv, "sign-report", "--key", privatePem.toString(), "--keyid", "k",
                badVerdict.toString());

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("would be refused by the registry, so it was not signed")
                .contains("predicate.verdict: must be \"pass\" or \"fail\"")
                .contains("predicate.created_at");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void signReportRefusesAStatementWithTwoSubjectsOrADuplicateKey() throws Exception {
        Path privatePem = Files.writeString(dir.resolve("k.pem"), Ed25519Pem.toPem(Ed25519Pem.generate().getPrivate()));
        JsonNode valid = JSON.readTree(Files.readAllBytes(statement("rep-2s", "m@2026.01.01-r1", "00".repeat(32))));
        ((ArrayNode) valid.get("subject")).add(valid.get("subject").get(0).deepCopy());
        Path twoSubjects = Files.writeString(dir.resolve("two.statement.json"), JSON.writeValueAsString(valid));
        String text = new String(Files.readAllBytes(statement("rep-dup", "m@2026.01.01-r1", "00".repeat(32))));
        Path duplicate = Files.writeString(dir.resolve("dup.statement.json"),
                text.replace("\"verdict\":\"pass\"", "\"verdict\":\"fail\",\"verdict\":\"pass\""));

        for (Path statement : new Path[] {twoSubjects, duplicate}) {
            CliRun refused = CliRun.run(adminEnv, "sign-report", "--key", privatePem.toString(), "--keyid", "k",
                    statement.toString());
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
        }
        assertThat(CliRun.run(adminEnv, "sign-report", "--key", privatePem.toString(), "--keyid", "k",
                twoSubjects.toString()).err()).contains("exactly one subject");
    }

    private Path statement(String reportId, String modelId, String lineageHash) throws Exception {
        byte[] statement = EvaluationStatements.statement(modelId, lineageHash, reportId, "rank_ic", "pass",
                JSON.createObjectNode().put("rank_ic", 0.031), "alpha-bench", "2026-05-15T10:00:00Z");
        return Files.write(dir.resolve(reportId + ".statement.json"), statement);
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        return run;
    }
}
