package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.ProgressListener;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.Sha256;
import dev.modelregistry.client.UploadedArtifact;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything a promotion needs, set up through the HTTP API like a real deployment would: a team with a registrant
 * (non-admin), an approver in the ACL who is not the registrant (four eyes), an evaluator with an Ed25519 key, and
 * a loader principal (in no team, not an approver) whose token the deploy guards use. {@link #ready} makes a
 * version promotable: registered, its artifact uploaded, sealed, and a passing signed evaluation report bound to its
 * lineage hash.
 */
final class PromotionSetup implements AutoCloseable {
    static final String TEAM = "bench-desk";
    private static final String REGISTRANT = "bench-quant";
    private static final String APPROVER = "bench-approver";
    private static final String LOADER = "bench-loader";
    private static final String EVALUATOR = "bench-eval";
    private static final String KEY_ID = "bench-eval-k1";

    private final RegistryClient admin;
    private final RegistryClient registrant;
    private final RegistryClient approver;
    private final String loaderToken;
    private final KeyPair evaluatorKey = Ed25519Pem.generate();
    private final Path scratch;
    private final int artifactBytes;
    private final String runNonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private int commits;

    PromotionSetup(URI registry, String adminToken, Path scratch, int artifactBytes) {
        this.scratch = scratch;
        this.artifactBytes = artifactBytes;
        this.admin = new RegistryClient(registry, adminToken);
        admin.access().createTeam(TEAM);
        String registrantToken = principal(REGISTRANT, "user");
        admin.access().addTeamMember(TEAM, REGISTRANT);
        String approverToken = principal(APPROVER, "user");
        admin.access().addApprover(APPROVER);
        this.loaderToken = principal(LOADER, "service");
        admin.access().createEvaluator(EVALUATOR);
        admin.access().addEvaluatorKey(EVALUATOR, KEY_ID, Ed25519Pem.toPem(evaluatorKey.getPublic()));
        this.registrant = new RegistryClient(registry, registrantToken);
        this.approver = new RegistryClient(registry, approverToken);
    }

    /** The token the deploy guards (and the deployment baseline) use: a plain authenticated principal. */
    String loaderToken() {
        return loaderToken;
    }

    void createModel(String model) {
        registrant.createModel(model, TEAM, "rollback propagation benchmark");
    }

    /** A new version of {@code model} with one random artifact {@code model.bin}, sealed, with a passing report. */
    String ready(String model) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("code_commit", runNonce + String.format("%08x", ++commits))
                .put("feature_graph_hash", "8b2e9f01")
                .put("owner", TEAM);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        JsonNode version = registrant.registerVersion(model, body).version();
        String modelId = version.get("model_id").asText();
        byte[] bytes = new byte[artifactBytes];
        ThreadLocalRandom.current().nextBytes(bytes);
        Path file = Files.write(Files.createTempFile(scratch, "artifact", ".bin"), bytes);
        try {
            UploadedArtifact uploaded = registrant.uploadArtifact(model, modelId, "model.bin", file,
                    Sha256.ofFile(file), null, ProgressListener.NONE);
            if (!uploaded.created()) {
                throw new IllegalStateException("the artifact of " + modelId + " was not created: " + uploaded);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        registrant.seal(model, modelId);
        byte[] statement = EvaluationStatements.statement(modelId, version.get("lineage_hash").asText(),
                "rep-" + modelId, "rank_ic", "pass", JsonNodeFactory.instance.objectNode().put("rank_ic", 0.07),
                EVALUATOR, "2026-05-15T12:00:00Z");
        registrant.submitEvaluation(EvaluationStatements.sign(statement, KEY_ID, evaluatorKey.getPrivate()).toJson());
        return modelId;
    }

    /** Promotes to production (100 %); answers the deployment. */
    JsonNode promote(String model, String modelId) {
        return approver.promote(model, modelId, APPROVER, 100);
    }

    /** Rolls the production back (the previous production returns); answers the deployment. */
    JsonNode rollback(String model, String reason) {
        return approver.rollback(model, reason);
    }

    /** The PEM of the registry's active manifest signing key, as a deploy guard pins it (from {@code GET /keys}). */
    String activeRegistryKeyPem() {
        for (JsonNode key : admin.keys().path("keys")) {
            if ("active".equals(key.path("status").asText())) {
                return key.path("public_key_pem").asText();
            }
        }
        throw new IllegalStateException("the registry lists no active key: " + admin.keys());
    }

    JsonNode verifyAudit() {
        return admin.access().verifyAudit();
    }

    private String principal(String name, String kind) {
        admin.access().createPrincipal(name, kind, false);
        return admin.access().createToken(name).get("token").asText();
    }

    @Override
    public void close() {
        admin.close();
        registrant.close();
        approver.close();
    }
}
