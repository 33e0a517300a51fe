package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.AccessClient;
import dev.modelregistry.client.Registration;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;

import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the lineage answers are about, set up through the HTTP API (Java client): a team {@code bench} with a
 * non-admin service principal {@code bench-signals} (whose token sends the events and the queries), an approver
 * {@code bench-approver} in the ACL, an evaluator with an Ed25519 key; four models of four versions each and an
 * ensemble model of four versions, each consuming one version of each of the four models (20 versions, each with
 * hyper-parameters and a training-distribution summary). The first version of every model is sealed, evaluated
 * (signed report, verdict pass) and promoted to production; the second version of the first model runs as a 10 %
 * canary. So every signal's version has deployment history, and an ensemble's lineage has children.
 */
final class LineageSetup {
    static final String TEAM = "bench";
    static final int MODELS = 4;
    static final int VERSIONS_PER_MODEL = 4;

    /** The member's token, the 20 model_ids in registration order, and a one-line description. */
    record Result(String memberToken, List<String> modelIds, String summary) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LineageSetup() {
    }

    static Result run(String baseUrl, String adminToken) {
        URI uri = URI.create(baseUrl);
        KeyPair evaluatorKey = Ed25519Pem.generate();
        Tokens tokens;
        try (RegistryClient admin = new RegistryClient(uri, adminToken)) {
            tokens = createPrincipals(admin.access(), evaluatorKey);
        }
        List<String> modelIds = new ArrayList<>();
        int promotions = 0;
        try (RegistryClient member = new RegistryClient(uri, tokens.member());
             RegistryClient approver = new RegistryClient(uri, tokens.approver())) {
            List<List<Registration>> byModel = registerVersions(member);
            for (int m = 0; m < byModel.size(); m++) {
                String model = m < MODELS ? "bench-m" + m : "bench-ens";
                List<Registration> versions = byModel.get(m);
                versions.forEach(r -> modelIds.add(r.modelId()));
                promote(member, approver, evaluatorKey, model, versions.get(0), 100);
                promotions++;
                if (m == 0) {
                    promote(member, approver, evaluatorKey, model, versions.get(1), 10);
                    promotions++;
                }
            }
        }
        String summary = String.format(Locale.ROOT, "%d model versions (%d models of %d, plus an ensemble of %d "
                        + "versions consuming one of each), %d promotions (each model's first version in production, "
                        + "one 10%% canary)", modelIds.size(), MODELS, VERSIONS_PER_MODEL, VERSIONS_PER_MODEL, promotions);
        return new Result(tokens.member(), modelIds, summary);
    }

    /** The tokens of the team member who sends the events and of the approver. */
    private record Tokens(String member, String approver) {
    }

    /** The team with its member (granted lineage-writer: it sends the events), the approver and the evaluator with its key. */
    private static Tokens createPrincipals(AccessClient access, KeyPair evaluatorKey) {
        access.createTeam(TEAM);
        access.createPrincipal("bench-signals", "service", false);
        access.addTeamMember(TEAM, "bench-signals");
        access.grantRole("bench-signals", "lineage-writer");
        String memberToken = access.createToken("bench-signals").get("token").asText();
        access.createPrincipal("bench-approver", "user", false);
        access.addApprover("bench-approver");
        String approverToken = access.createToken("bench-approver").get("token").asText();
        access.createEvaluator("bench-eval");
        access.addEvaluatorKey("bench-eval", "bench-k1", Ed25519Pem.toPem(evaluatorKey.getPublic()));
        return new Tokens(memberToken, approverToken);
    }

    /** Every model's versions in registration order, the ensemble last. */
    private static List<List<Registration>> registerVersions(RegistryClient member) {
        List<List<Registration>> byModel = new ArrayList<>();
        int commit = 0;
        for (int m = 0; m < MODELS; m++) {
            String model = "bench-m" + m;
            member.createModel(model, TEAM, "lineage benchmark");
            List<Registration> versions = new ArrayList<>();
            for (int v = 0; v < VERSIONS_PER_MODEL; v++) {
                versions.add(member.registerVersion(model, body(++commit, List.of())));
            }
            byModel.add(versions);
        }
        member.createModel("bench-ens", TEAM, "lineage benchmark ensemble");
        List<Registration> ensemble = new ArrayList<>();
        for (int v = 0; v < VERSIONS_PER_MODEL; v++) {
            List<String> parents = new ArrayList<>();
            for (List<Registration> versions : byModel) {
                parents.add(versions.get(v).modelId());
            }
            ensemble.add(member.registerVersion("bench-ens", body(++commit, parents)));
        }
        byModel.add(ensemble);
        return byModel;
    }

    private static ObjectNode body(int commit, List<String> parents) {
        ObjectNode body = JSON.objectNode()
                .put("code_commit", String.format(Locale.ROOT, "%040x", 0xbe5c0000L + commit))
                .put("feature_graph_hash", String.format(Locale.ROOT, "%064x", 0xfea70000L + commit))
                .put("owner", TEAM);
        body.putArray("data_window").add("2019-01-01").add("2025-12-31");
        body.putObject("hyperparams").put("learning_rate", 0.05).put("max_depth", 6).put("n_estimators", 400)
                .put("seed", commit);
        if (!parents.isEmpty()) {
            var array = body.putArray("parents");
            parents.forEach(array::add);
        }
        ObjectNode distribution = body.putObject("training_distribution").put("rows", 125_000_000L).put("features", 48);
        distribution.putObject("label").put("mean", 0.0012).put("std", 0.021).put("p01", -0.061).put("p99", 0.058);
        body.putObject("labels").put("desk", "bench").put("stage", "lineage");
        return body;
    }

    /** Seal, a signed passing evaluation report, then the approver's promotion. */
    private static void promote(RegistryClient member, RegistryClient approver, KeyPair evaluatorKey, String model,
                                Registration version, int pct) {
        String modelId = version.modelId();
        member.seal(model, modelId);
        byte[] statement = EvaluationStatements.statement(modelId, version.lineageHash(), "rep-" + modelId,
                "rank_ic", "pass", JSON.objectNode().put("rank_ic", 0.07).put("sharpe", 1.9), "bench-eval",
                "2026-05-15T12:00:00Z");
        member.submitEvaluation(EvaluationStatements.sign(statement, "bench-k1", evaluatorKey.getPrivate()).toJson());
        approver.promote(model, modelId, "bench-approver", pct);
    }
}
