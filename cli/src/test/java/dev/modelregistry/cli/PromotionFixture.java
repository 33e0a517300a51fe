package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.ProgressListener;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.Sha256;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a promotion needs, set up through the Java client against a running registry: a team with a
 * registrant, an approver in the ACL (not the registrant: four eyes), an evaluator with an Ed25519 key; and
 * versions made ready (registered, artifacts uploaded, sealed, a passing signed evaluation report submitted).
 */
final class PromotionFixture implements AutoCloseable {
    private static final AtomicInteger COMMITS = new AtomicInteger(0x3000000);

    final String prefix;
    final String team;
    final String registrantName;
    final String approverName;
    final String registrantToken;
    final String approverToken;
    final RegistryClient admin;
    final RegistryClient registrant;
    final RegistryClient approver;
    private final String evaluator;
    private final String keyid;
    private final KeyPair evaluatorKey = Ed25519Pem.generate();
    private final Path scratch;

    PromotionFixture(URI registry, String adminToken, String prefix) {
        this.prefix = prefix;
        this.team = prefix + "-desk";
        this.registrantName = prefix + "-quant";
        this.approverName = prefix + "-approver";
        this.evaluator = prefix + "-bench";
        this.keyid = prefix + "-k1";
        this.admin = new RegistryClient(registry, adminToken);
        admin.access().createTeam(team);
        this.registrantToken = principal(registrantName);
        admin.access().addTeamMember(team, registrantName);
        this.approverToken = principal(approverName);
        admin.access().addApprover(approverName);
        admin.access().createEvaluator(evaluator);
        admin.access().addEvaluatorKey(evaluator, keyid, Ed25519Pem.toPem(evaluatorKey.getPublic()));
        this.registrant = new RegistryClient(registry, registrantToken);
        this.approver = new RegistryClient(registry, approverToken);
        try {
            this.scratch = Files.createTempDirectory("modelreg-promotion-fixture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A version of {@code model} with these artifacts, sealed and with a passing signed report: promotable. */
    String ready(String model, Map<String, byte[]> artifacts) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("code_commit", String.format("%07x", COMMITS.incrementAndGet()))
                .put("feature_graph_hash", "8b2e9f01").put("owner", team);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        JsonNode version = registrant.registerVersion(model, body).version();
        String modelId = version.get("model_id").asText();
        artifacts.forEach((path, bytes) -> upload(model, modelId, path, bytes));
        registrant.seal(model, modelId);
        byte[] statement = EvaluationStatements.statement(modelId, version.get("lineage_hash").asText(),
                "rep-" + modelId, "rank_ic", "pass", JsonNodeFactory.instance.objectNode().put("rank_ic", 0.07),
                evaluator, "2026-05-15T12:00:00Z");
        registrant.submitEvaluation(EvaluationStatements.sign(statement, keyid, evaluatorKey.getPrivate()).toJson());
        return modelId;
    }

    JsonNode promote(String model, String modelId, int canaryPct) {
        return approver.promote(model, modelId, approverName, canaryPct);
    }

    /** The PEM of the registry's active manifest signing key, as a deploy guard would pin it. */
    String activeRegistryKeyPem() {
        for (JsonNode key : admin.keys().path("keys")) {
            if ("active".equals(key.path("status").asText())) {
                return key.path("public_key_pem").asText();
            }
        }
        throw new AssertionError("the registry lists no active key: " + admin.keys());
    }

    private void upload(String model, String modelId, String path, byte[] bytes) {
        try {
            Path file = Files.write(Files.createTempFile(scratch, "artifact", ".bin"), bytes);
            registrant.uploadArtifact(model, modelId, path, file, Sha256.ofFile(file), null, ProgressListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String principal(String name) {
        admin.access().createPrincipal(name, "user", false);
        return admin.access().createToken(name).get("token").asText();
    }

    @Override
    public void close() {
        admin.close();
        registrant.close();
        approver.close();
    }
}
