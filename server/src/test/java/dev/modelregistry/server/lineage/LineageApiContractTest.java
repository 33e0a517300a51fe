package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.modelregistry.server.lineage.LineageTestSupport.fill;
import static dev.modelregistry.server.lineage.LineageTestSupport.signal;
import static dev.modelregistry.server.lineage.LineageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Which model produced this trade": the fill and signal lineage answers of issue 5, on each database — the version
 * with its commit, feature graph, data window, hyperparams, owner, evaluation report and training distribution, the
 * deployment when the signal was emitted, and an ensemble's children.
 */
abstract class LineageApiContractTest {
    static LineageTestSupport lineage;

    @AfterAll
    static void stop() {
        lineage.close();
    }

    @Test
    void aFillIsTracedToItsVersionWithTheWholeLineageAndTheDeploymentAtEmission() {
        String model = unique("xsmom");
        String reportId = unique("rep-named");
        Instant start = lineage.clock.instant();
        JsonNode v1 = lineage.registerReady(model, lineage.registration(Map.of(
                "hyperparams", Map.of("lookback", 20, "decay", 0.9),
                "evaluation", Map.of("report_id", reportId, "objective", "rank_ic"))), reportId);
        String v1Id = v1.get("model_id").asText();
        String fillId = unique("fill");
        String signalId = unique("sig");
        lineage.clock.advance(Duration.ofHours(1));
        lineage.fixture.promote(model, v1Id, 100);
        lineage.ingest("signals", signal(signalId, v1Id, start.plus(Duration.ofHours(2))));
        lineage.ingest("fills", fill(fillId, signalId, start.plus(Duration.ofHours(2)).plusSeconds(3)));

        JsonNode answer = lineage.get("/lineage/fills/" + fillId);

        assertThat(answer.get("fill").get("fill_id").asText()).isEqualTo(fillId);
        assertThat(answer.get("fill").get("px").asDouble()).isEqualTo(101.25);
        assertThat(answer.get("signal").get("signal_id").asText()).isEqualTo(signalId);
        JsonNode version = answer.get("version");
        assertThat(version.get("model_id").asText()).isEqualTo(v1Id);
        assertThat(version.get("code_commit").asText()).isEqualTo(v1.get("code_commit").asText());
        assertThat(version.get("feature_graph_hash").asText()).isEqualTo("8b2e9f01c0ffee");
        assertThat(version.get("data_window")).containsExactly(
                LineageTestSupport.JSON.getNodeFactory().textNode("2018-01-01"),
                LineageTestSupport.JSON.getNodeFactory().textNode("2026-04-30"));
        assertThat(version.get("hyperparams").get("lookback").asInt()).isEqualTo(20);
        assertThat(version.get("owner").asText()).isEqualTo(lineage.fixture.team);
        assertThat(version.get("lineage_hash").asText()).isEqualTo(v1.get("lineage_hash").asText());
        JsonNode evaluation = answer.get("evaluation");
        assertThat(evaluation.get("report_id").asText()).isEqualTo(reportId);
        assertThat(evaluation.get("objective").asText()).isEqualTo("rank_ic");
        assertThat(evaluation.get("verdict").asText()).isEqualTo("pass");
        assertThat(evaluation.get("metrics").get("rank_ic").asDouble()).isEqualTo(0.07);
        assertThat(evaluation.get("evaluator").asText()).isEqualTo(lineage.fixture.evaluator);
        assertThat(answer.get("children")).isEmpty();
        JsonNode deployed = answer.get("deployment_at_emission");
        assertThat(deployed.get("revision").asLong()).isEqualTo(1);
        assertThat(deployed.get("production").get("model_id").asText()).isEqualTo(v1Id);
        assertThat(deployed.get("production").get("pct").asInt()).isEqualTo(100);
        assertThat(deployed.get("canary").isNull()).isTrue();
        assertThat(deployed.get("role").asText()).isEqualTo("production");
        assertThat(deployed.get("changed_at").asText()).startsWith(start.plus(Duration.ofHours(1)).toString()
                .replace("Z", ""));
    }

    @Test
    void theDeploymentAtEmissionIsTheOneInForceWhenTheSignalWasEmitted() {
        String model = unique("carry");
        Instant start = lineage.clock.instant();
        String v1 = lineage.fixture.ready(model);
        String v2 = lineage.fixture.ready(model);
        String v3 = lineage.fixture.ready(model);
        lineage.clock.advance(Duration.ofHours(1));
        lineage.fixture.promote(model, v1, 100);
        lineage.clock.advance(Duration.ofHours(2));
        lineage.fixture.promote(model, v2, 100);
        lineage.clock.advance(Duration.ofHours(2));
        lineage.fixture.promote(model, v3, 10);
        String beforeAny = unique("sig");
        String betweenPromotions = unique("sig");
        String afterSecond = unique("sig");
        String fromCanary = unique("sig");
        lineage.ingest("signals",
                signal(beforeAny, v1, start.plus(Duration.ofMinutes(30))),
                signal(betweenPromotions, v1, start.plus(Duration.ofHours(2))),
                signal(afterSecond, v1, start.plus(Duration.ofHours(4))),
                signal(fromCanary, v3, start.plus(Duration.ofHours(6))));

        assertThat(lineage.get("/lineage/signals/" + beforeAny).get("deployment_at_emission").isNull()).isTrue();

        JsonNode between = lineage.get("/lineage/signals/" + betweenPromotions).get("deployment_at_emission");
        assertThat(between.get("revision").asLong()).isEqualTo(1);
        assertThat(between.get("production").get("model_id").asText()).isEqualTo(v1);
        assertThat(between.get("role").asText()).isEqualTo("production");

        JsonNode after = lineage.get("/lineage/signals/" + afterSecond).get("deployment_at_emission");
        assertThat(after.get("revision").asLong()).isEqualTo(2);
        assertThat(after.get("production").get("model_id").asText()).isEqualTo(v2);
        assertThat(after.get("role").isNull()).as("v1 was retired by then").isTrue();

        JsonNode canary = lineage.get("/lineage/signals/" + fromCanary).get("deployment_at_emission");
        assertThat(canary.get("revision").asLong()).isEqualTo(3);
        assertThat(canary.get("production").get("model_id").asText()).isEqualTo(v2);
        assertThat(canary.get("production").get("pct").asInt()).isEqualTo(90);
        assertThat(canary.get("canary").get("model_id").asText()).isEqualTo(v3);
        assertThat(canary.get("canary").get("pct").asInt()).isEqualTo(10);
        assertThat(canary.get("role").asText()).isEqualTo("canary");
    }

    @Test
    void aVersionThatNamedNoReportAnswersItsLatestPassingOne() {
        String model = unique("value");
        String version = lineage.fixture.ready(model);
        JsonNode registered = lineage.get("/models/" + model + "/versions/" + version);
        lineage.fixture.report(version, registered.get("lineage_hash").asText(), "fail", unique("rep-fail"));
        String signalId = unique("sig");
        lineage.ingest("signals", signal(signalId, version, lineage.clock.instant()));

        JsonNode evaluation = lineage.get("/lineage/signals/" + signalId).get("evaluation");

        assertThat(evaluation.get("report_id").asText()).isEqualTo("rep-" + version);
        assertThat(evaluation.get("verdict").asText()).isEqualTo("pass");
    }

    @Test
    void aFillWhoseSignalHasNotArrivedAnswersWithTheFillAloneUntilTheSignalArrives() {
        String model = unique("early");
        String version = lineage.register(model, lineage.registration(Map.of())).get("model_id").asText();
        String fillId = unique("fill");
        String signalId = unique("sig");
        Instant emitted = lineage.clock.instant();
        lineage.ingest("fills", fill(fillId, signalId, emitted.plusSeconds(1)));

        JsonNode early = lineage.get("/lineage/fills/" + fillId);
        assertThat(early.get("fill").get("signal_id").asText()).isEqualTo(signalId);
        for (String absent : List.of("signal", "version", "evaluation", "training_distribution", "deployment_at_emission")) {
            assertThat(early.get(absent).isNull()).as(absent).isTrue();
        }
        assertThat(early.get("children")).isEmpty();
        assertThat(lineage.getRaw("/lineage/signals/" + signalId).status()).isEqualTo(404);

        lineage.ingest("signals", signal(signalId, version, emitted));

        JsonNode late = lineage.get("/lineage/fills/" + fillId);
        assertThat(late.get("signal").get("signal_id").asText()).isEqualTo(signalId);
        assertThat(late.get("version").get("model_id").asText()).isEqualTo(version);
        assertThat(late.get("evaluation").isNull()).as("no report was submitted").isTrue();
        JsonNode bySignal = lineage.get("/lineage/signals/" + signalId);
        assertThat(bySignal.get("fills")).hasSize(1);
        assertThat(bySignal.get("fills").get(0).get("fill_id").asText()).isEqualTo(fillId);
        assertThat(bySignal.has("fill")).isFalse();
    }

    @Test
    void anEnsembleAnswerIncludesItsChildrenRecursively() {
        String model = unique("meta");
        String leafA = lineage.register(unique("leaf"), lineage.registration(Map.of())).get("model_id").asText();
        String leafB = lineage.register(unique("leaf"), lineage.registration(Map.of())).get("model_id").asText();
        String leafC = lineage.register(unique("leaf"), lineage.registration(Map.of())).get("model_id").asText();
        String middle = lineage.register(unique("mid"), lineage.registration(Map.of("parents", List.of(leafA, leafB))))
                .get("model_id").asText();
        String top = lineage.register(model, lineage.registration(Map.of("parents", List.of(middle, leafC))))
                .get("model_id").asText();
        String signalId = unique("sig");
        String fillId = unique("fill");
        lineage.ingest("signals", signal(signalId, top, lineage.clock.instant()));
        lineage.ingest("fills", fill(fillId, signalId, lineage.clock.instant().plusSeconds(1)));

        JsonNode answer = lineage.get("/lineage/fills/" + fillId);

        assertThat(texts(answer.get("version").get("parents"))).containsExactlyInAnyOrder(middle, leafC);
        JsonNode children = answer.get("children");
        assertThat(children).hasSize(2);
        JsonNode middleNode = childNamed(children, middle);
        assertThat(texts(middleNode.get("version").get("parents"))).containsExactlyInAnyOrder(leafA, leafB);
        assertThat(middleNode.get("version").get("code_commit").isTextual()).isTrue();
        assertThat(middleNode.get("children")).hasSize(2);
        assertThat(childNamed(middleNode.get("children"), leafA).get("children")).isEmpty();
        assertThat(childNamed(middleNode.get("children"), leafB).get("children")).isEmpty();
        assertThat(childNamed(children, leafC).get("children")).isEmpty();
        assertThat(answer.has("children_truncated")).isFalse();
    }

    @Test
    void anEnsembleDeeperThanThirtyTwoLevelsIsCutAtThirtyTwoAndSaysSo() {
        List<String> chain = new java.util.ArrayList<>();
        chain.add(lineage.register(unique("chain"), lineage.registration(Map.of())).get("model_id").asText());
        for (int level = 1; level <= 33; level++) {
            chain.add(lineage.register(unique("chain"), lineage.registration(Map.of("parents",
                    List.of(chain.get(level - 1))))).get("model_id").asText());
        }
        String signalId = unique("sig");
        lineage.ingest("signals", signal(signalId, chain.get(33), lineage.clock.instant()));

        JsonNode answer = lineage.get("/lineage/signals/" + signalId);

        JsonNode node = answer;
        for (int level = 1; level <= 32; level++) {
            assertThat(node.get("children")).as("level %d", level).hasSize(1);
            node = node.get("children").get(0);
            assertThat(node.get("version").get("model_id").asText()).isEqualTo(chain.get(33 - level));
        }
        assertThat(node.get("children")).as("level 33 is not rendered").isEmpty();
        assertThat(texts(node.get("version").get("parents"))).as("but its version still names it")
                .containsExactly(chain.get(0));
        assertThat(answer.get("children_truncated").asBoolean()).isTrue();
    }

    @Test
    void theTrainingDistributionComesFromTheRegistrationElseFromItsArtifact() {
        String model = unique("dist");
        String registered = lineage.register(model, lineage.registration(Map.of("training_distribution",
                Map.of("rows", 1200, "features", Map.of("ret_5d", Map.of("mean", 0.001)))))).get("model_id").asText();
        String uploaded = lineage.register(model, lineage.registration(Map.of())).get("model_id").asText();
        lineage.fixture.upload(model, uploaded, LineageQueryStore.TRAINING_DISTRIBUTION_ARTIFACT,
                "{\"rows\": 77, \"label_mean\": 0.5}".getBytes(StandardCharsets.UTF_8));
        String notAnObject = lineage.register(model, lineage.registration(Map.of())).get("model_id").asText();
        lineage.fixture.upload(model, notAnObject, LineageQueryStore.TRAINING_DISTRIBUTION_ARTIFACT,
                "not json at all".getBytes(StandardCharsets.UTF_8));
        String s1 = unique("sig");
        String s2 = unique("sig");
        String s3 = unique("sig");
        Instant now = lineage.clock.instant();
        lineage.ingest("signals", signal(s1, registered, now), signal(s2, uploaded, now), signal(s3, notAnObject, now));

        JsonNode fromRegistration = lineage.get("/lineage/signals/" + s1).get("training_distribution");
        assertThat(fromRegistration.get("rows").asInt()).isEqualTo(1200);
        assertThat(fromRegistration.get("features").get("ret_5d").get("mean").asDouble()).isEqualTo(0.001);
        JsonNode fromArtifact = lineage.get("/lineage/signals/" + s2).get("training_distribution");
        assertThat(fromArtifact.get("rows").asInt()).isEqualTo(77);
        assertThat(lineage.get("/lineage/signals/" + s3).get("training_distribution").isNull()).isTrue();
    }

    @Test
    void unknownOrImpossibleIdsAreNotFound() {
        for (String path : List.of("/lineage/fills/no-such-fill", "/lineage/signals/no-such-signal",
                "/lineage/fills/" + "f".repeat(129), "/lineage/signals/caf%C3%A9", "/lineage/fills/a%20b")) {
            TestRegistry.Response response = lineage.getRaw(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.problemType()).as(path).isEqualTo("urn:model-registry:problem:not-found");
        }
    }

    @Test
    void theAnswersNeedAToken() {
        assertThat(lineage.registry.get("/lineage/fills/any", null).status()).isEqualTo(401);
        assertThat(lineage.registry.get("/lineage/signals/any", null).status()).isEqualTo(401);
    }

    @Test
    void idsWithPunctuationAreAnsweredAsIngested() {
        String version = lineage.register(unique("punct"), lineage.registration(Map.of())).get("model_id").asText();
        String signalId = unique("SIG:2026/05@desk+1");
        String fillId = unique("FILL:2026.05~x");
        lineage.ingest("signals", signal(signalId, version, lineage.clock.instant()));
        lineage.ingest("fills", fill(fillId, signalId, lineage.clock.instant()));

        JsonNode answer = lineage.get("/lineage/fills/" + fillId.replace(":", "%3A"));

        assertThat(answer.get("fill").get("fill_id").asText()).isEqualTo(fillId);
        assertThat(answer.get("version").get("model_id").asText()).isEqualTo(version);
        assertThat(lineage.get("/lineage/signals/" + signalId.replace("/", "%2F").replace("+", "%2B"))
                .get("signal").get("signal_id").asText()).isEqualTo(signalId);
    }

    private static JsonNode childNamed(JsonNode children, String modelId) {
        for (JsonNode child : children) {
            if (child.get("version").get("model_id").asText().equals(modelId)) {
                return child;
            }
        }
        throw new AssertionError("no child " + modelId + " in " + children);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
