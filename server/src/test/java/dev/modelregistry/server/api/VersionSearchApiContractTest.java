package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.testing.DeployFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model's versions and every model's ({@code GET /versions}) found by status, labels, code commit, feature-graph
 * hash, lineage hash, registrant, registration time and verdict, combined and keyset-paged; bad values a 400 naming
 * the parameter.
 */
abstract class VersionSearchApiContractTest extends ApiTestSupport {
    private DeployFixture fixture;
    private String modelA;
    private String modelB;
    /** A label every labelled version of this suite carries, so that cross-model searches see only these. */
    private String suite;
    private String commit;
    private String featureGraph;
    private String otherRegistrant;
    /** In registration order: a1 production (pass), a2 (fail), a3 (no report), a4 (fail, then pass); b1 in B. */
    private JsonNode a1;
    private JsonNode a2;
    private JsonNode a3;
    private JsonNode a4;
    private JsonNode b1;

    @BeforeAll
    void versions() {
        fixture = new DeployFixture(registry.baseUri(), ADMIN, unique("vs"));
        modelA = unique("searched-a");
        modelB = unique("searched-b");
        suite = unique("suite");
        commit = randomHex(40);
        featureGraph = randomHex(64);
        otherRegistrant = unique("other");
        String otherToken = user(otherRegistrant);
        assertStatus(204, put("/teams/" + fixture.team + "/members/" + otherRegistrant, ADMIN));

        a1 = version(modelA, fixture.ready(modelA));
        fixture.promote(modelA, a1.get("model_id").asText(), 100);
        a2 = register(modelA, fixture.registrantToken, body(commit, featureGraph, Map.of("asset", "equities",
                "desk", "d1")));
        evaluate(a2, "fail");
        a3 = register(modelA, fixture.registrantToken, body(randomHex(40), randomHex(64), Map.of("asset", "fx")));
        a4 = register(modelA, fixture.registrantToken, body(randomHex(40), randomHex(64), Map.of()));
        evaluate(a4, "fail");
        evaluate(a4, "pass");
        b1 = register(modelB, otherToken, body(commit, featureGraph, Map.of("asset", "equities")));
    }

    @Test
    void statusFindsAModelsVersionsInThatState() {
        assertThat(ids("/models/" + modelA + "/versions?status=production")).containsExactly(id(a1));
        assertThat(ids("/models/" + modelA + "/versions?status=candidate")).containsExactly(id(a2), id(a3), id(a4));
        assertThat(ids("/versions?model=" + modelA + "&status=production")).containsExactly(id(a1));
        assertThat(ids("/models/" + modelA + "/versions?status=rejected")).isEmpty();
    }

    @Test
    void aCommitFindsTheVersionsTrainedOnItAcrossModels() {
        assertThat(ids("/versions?code_commit=" + commit)).containsExactly(id(a2), id(b1));
        assertThat(ids("/models/" + modelA + "/versions?code_commit=" + commit)).containsExactly(id(a2));
        assertThat(ids("/versions?model=" + modelB + "&code_commit=" + commit)).containsExactly(id(b1));
    }

    @Test
    void anAbbreviatedCommitFindsTheFullOnesAsGitDoes() {
        assertThat(ids("/versions?code_commit=" + commit.substring(0, 7))).containsExactly(id(a2), id(b1));
        assertThat(ids("/versions?code_commit=" + commit + "0")).isEmpty();
    }

    @Test
    void theHashesMatchWhole() {
        assertThat(ids("/versions?feature_graph_hash=" + featureGraph)).containsExactly(id(a2), id(b1));
        assertThat(ids("/versions?feature_graph_hash=" + featureGraph.substring(0, 8))).isEmpty();
        assertThat(ids("/versions?lineage_hash=" + a3.get("lineage_hash").asText())).containsExactly(id(a3));
        assertThat(ids("/models/" + modelB + "/versions?lineage_hash=" + a3.get("lineage_hash").asText())).isEmpty();
    }

    @Test
    void labelsAreKeyOrKeyAndValueAndMustAllHold() {
        assertThat(ids("/versions?label=suite:" + suite)).containsExactly(id(a2), id(a3), id(a4), id(b1));
        assertThat(ids("/versions?label=suite:" + suite + "&label=asset:equities")).containsExactly(id(a2), id(b1));
        assertThat(ids("/versions?label=suite:" + suite + "&label=desk")).containsExactly(id(a2));
        assertThat(ids("/models/" + modelA + "/versions?label=asset:fx")).containsExactly(id(a3));
        assertThat(ids("/versions?label=suite:" + suite + "&label=asset:fx&label=desk")).isEmpty();
    }

    @Test
    void registeredByFindsThePrincipalsVersions() {
        assertThat(ids("/versions?registered_by=" + otherRegistrant)).containsExactly(id(b1));
        assertThat(ids("/versions?registered_by=" + fixture.registrant + "&label=suite:" + suite))
                .containsExactly(id(a2), id(a3), id(a4));
        assertThat(ids("/versions?registered_by=nobody-at-all")).isEmpty();
    }

    @Test
    void theRegistrationTimeRangeIsHalfOpen() {
        String from = encode(a2.get("registered_at").asText());
        String until = encode(a4.get("registered_at").asText());

        assertThat(ids("/models/" + modelA + "/versions?registered_after=" + from + "&registered_before=" + until))
                .containsExactly(id(a2), id(a3));
        assertThat(ids("/models/" + modelA + "/versions?registered_after=" + until)).containsExactly(id(a4));
        assertThat(ids("/models/" + modelA + "/versions?registered_before=" + from)).containsExactly(id(a1));
    }

    @Test
    void timesMayCarryAnyOffsetOrBeADate() {
        assertThat(ids("/models/" + modelA + "/versions?registered_after=2000-01-01&registered_before="
                + encode("2999-01-01T02:00:00+02:00"))).hasSize(4);
        assertThat(ids("/models/" + modelA + "/versions?registered_before=2000-01-01T00:00:00Z")).isEmpty();
        // An unencoded '+' arrives as a space; it can only have meant the offset.
        assertThat(ids("/models/" + modelA + "/versions?registered_after=2000-01-01T09:00:00+01:00")).hasSize(4);
    }

    @Test
    void theVerdictIsWhatTheEvaluationsConcluded() {
        assertThat(ids("/models/" + modelA + "/versions?verdict=pass")).containsExactly(id(a1), id(a4));
        assertThat(ids("/models/" + modelA + "/versions?verdict=fail")).containsExactly(id(a2));
        assertThat(ids("/models/" + modelA + "/versions?verdict=none")).containsExactly(id(a3));
        assertThat(ids("/versions?verdict=none&label=suite:" + suite)).containsExactly(id(a3), id(b1));
    }

    @Test
    void aFilteredListPagesThroughEveryMatchOnceInRegistrationOrder() {
        List<String> byOne = allPages("/versions?label=suite:" + suite, ADMIN, 1).stream()
                .map(v -> v.get("model_id").asText()).toList();

        assertThat(byOne).containsExactly(id(a2), id(a3), id(a4), id(b1));
    }

    @Test
    void anUnknownModelInThePathIsNotFoundButAsAFilterMatchesNothing() {
        assertProblem(get("/models/no-such-model/versions?status=candidate", ADMIN), 404, "not-found");
        assertThat(ids("/versions?model=no-such-model")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=live", "status=PRODUCTION", "code_commit=a13fce", "code_commit=A13FCE0",
            "code_commit=a13fce0x", "feature_graph_hash=8b2e9f", "feature_graph_hash=8B2E9F01", "lineage_hash=abc",
            "registered_by=Bob", "registered_after=yesterday", "registered_after=2026-13-01",
            "registered_before=2026-05-15T09:30:00", "verdict=maybe", "label=%3Afx", "model=Not%20A%20Name"})
    void aBadFilterValueIsRefusedNamingIt(String query) {
        String field = query.substring(0, query.indexOf('='));
        assertInvalidFields(get("/versions?" + query, ADMIN), field);
        if (!field.equals("model")) {
            assertInvalidFields(get("/models/" + modelA + "/versions?" + query, ADMIN), field);
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertInvalidFields(get("/versions?registered_after=2026-05-15&registered_before=2026-05-15", ADMIN),
                "registered_before");
        assertInvalidFields(get("/versions?registered_after=2026-05-16&registered_before=2026-05-15", ADMIN),
                "registered_before");
    }

    @Test
    void everyBadFilterIsNamedAtOnce() {
        assertInvalidFields(get("/versions?status=live&code_commit=xyz&verdict=maybe&registered_after=soon", ADMIN),
                "status", "code_commit", "verdict", "registered_after");
    }

    @Test
    void aModelIsNotAFilterOfItsOwnVersionList() {
        assertInvalidFields(get("/models/" + modelA + "/versions?model=" + modelB, ADMIN), "model");
    }

    private ObjectNode body(String codeCommit, String featureGraphHash, Map<String, String> labels) {
        ObjectNode body = registration(fixture.team).put("code_commit", codeCommit)
                .put("feature_graph_hash", featureGraphHash);
        ObjectNode object = body.putObject("labels").put("suite", suite);
        labels.forEach(object::put);
        return body;
    }

    private void evaluate(JsonNode version, String verdict) {
        fixture.report(id(version), version.get("lineage_hash").asText(), verdict, unique("rep-" + verdict));
    }

    private JsonNode version(String model, String modelId) {
        return assertStatus(200, get("/models/" + model + "/versions/" + modelId, ADMIN)).body();
    }

    private static List<String> ids(String path) {
        return allPages(path, ADMIN, 500).stream().map(v -> v.get("model_id").asText()).toList();
    }

    private static String id(JsonNode version) {
        return version.get("model_id").asText();
    }
}
