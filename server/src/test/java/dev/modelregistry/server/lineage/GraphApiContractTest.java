package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.modelregistry.server.lineage.LineageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ensemble DAG both ways, on each database: up from an ensemble (what it consumes, recursively) and down from a
 * leaf (the ensembles that consume it), cut at a depth. The DAG of every test:
 * {@code top → middle → leafA, leafB} and {@code top → leafC}; {@code other → leafA} is a second consumer of leafA.
 */
abstract class GraphApiContractTest {
    static LineageTestSupport lineage;
    private static String leafA;
    private static String leafB;
    private static String leafC;
    private static String middle;
    private static String top;
    private static String other;
    private static String topModel;

    static void buildDag() {
        leafA = version(unique("leaf-a"), List.of());
        leafB = version(unique("leaf-b"), List.of());
        leafC = version(unique("leaf-c"), List.of());
        middle = version(unique("middle"), List.of(leafA, leafB));
        topModel = unique("top");
        top = version(topModel, List.of(middle, leafC));
        other = version(unique("other"), List.of(leafA));
    }

    @AfterAll
    static void stop() {
        lineage.close();
    }

    @Test
    void upListsEverythingTheEnsembleConsumes() {
        JsonNode graph = lineage.get(graphPath(top) + "?direction=up");

        assertThat(graph.get("root").asText()).isEqualTo(top);
        assertThat(graph.get("direction").asText()).isEqualTo("up");
        assertThat(nodes(graph)).containsExactlyInAnyOrder(top + "@0", middle + "@1", leafC + "@1", leafA + "@2",
                leafB + "@2");
        assertThat(edges(graph)).containsExactlyInAnyOrder(top + ">" + middle, top + ">" + leafC,
                middle + ">" + leafA, middle + ">" + leafB);
        assertThat(graph.get("nodes").get(0).get("lineage_hash").asText()).hasSize(64);
        assertThat(graph.get("nodes").get(0).get("status").asText()).isEqualTo("candidate");
    }

    @Test
    void upIsTheDefaultAndDepthCutsTheWalk() {
        JsonNode graph = lineage.get(graphPath(top) + "?depth=1");

        assertThat(graph.get("direction").asText()).isEqualTo("up");
        assertThat(nodes(graph)).containsExactlyInAnyOrder(top + "@0", middle + "@1", leafC + "@1");
        assertThat(edges(graph)).containsExactlyInAnyOrder(top + ">" + middle, top + ">" + leafC);
    }

    @Test
    void downListsTheEnsemblesThatConsumeAVersion() {
        JsonNode graph = lineage.get(graphPath(leafA) + "?direction=down");

        assertThat(nodes(graph)).containsExactlyInAnyOrder(leafA + "@0", middle + "@1", other + "@1", top + "@2");
        assertThat(edges(graph)).containsExactlyInAnyOrder(middle + ">" + leafA, other + ">" + leafA,
                top + ">" + middle);

        JsonNode shallow = lineage.get(graphPath(leafA) + "?direction=down&depth=1");
        assertThat(nodes(shallow)).containsExactlyInAnyOrder(leafA + "@0", middle + "@1", other + "@1");
    }

    @Test
    void aVersionNobodyConsumesHasOnlyItself() {
        JsonNode graph = lineage.get(graphPath(top) + "?direction=down");

        assertThat(nodes(graph)).containsExactly(top + "@0");
        assertThat(graph.get("edges")).isEmpty();
    }

    @Test
    void aBadDirectionOrDepthIsAValidationProblem() {
        for (String query : List.of("?direction=sideways", "?depth=0", "?depth=33", "?depth=deep", "?depth=")) {
            TestRegistry.Response response = lineage.getRaw(graphPath(top) + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.problemType()).as(query).isEqualTo("urn:model-registry:problem:validation-failed");
        }
        assertThat(lineage.getRaw(graphPath(top) + "?depth=32").status()).isEqualTo(200);
    }

    @Test
    void anUnknownVersionOrAVersionOfAnotherModelIsNotFound() {
        assertThat(lineage.getRaw("/models/" + topModel + "/versions/" + topModel + "@2020.01.01-r9/graph").status())
                .isEqualTo(404);
        assertThat(lineage.getRaw("/models/" + topModel + "/versions/" + leafA + "/graph").status()).isEqualTo(404);
        assertThat(lineage.getRaw("/models/NOT_A_SLUG/versions/" + top + "/graph").status()).isEqualTo(404);
        assertThat(lineage.registry.get(graphPath(top), null).status()).isEqualTo(401);
    }

    private static String version(String model, List<String> parents) {
        return lineage.register(model, lineage.registration(Map.of("parents", parents))).get("model_id").asText();
    }

    private static String graphPath(String modelId) {
        return "/models/" + modelId.substring(0, modelId.indexOf('@')) + "/versions/" + modelId + "/graph";
    }

    private static List<String> nodes(JsonNode graph) {
        List<String> nodes = new ArrayList<>();
        graph.get("nodes").forEach(n -> nodes.add(n.get("model_id").asText() + "@" + n.get("depth").asInt()));
        return nodes;
    }

    private static List<String> edges(JsonNode graph) {
        List<String> edges = new ArrayList<>();
        graph.get("edges").forEach(e -> edges.add(e.get("from").asText() + ">" + e.get("to").asText()));
        return edges;
    }
}
