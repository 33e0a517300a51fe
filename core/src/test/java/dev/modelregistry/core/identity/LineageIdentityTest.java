package dev.modelregistry.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.modelregistry.core.SharedTestData;
import dev.modelregistry.core.error.RegistryException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineageIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shared with the Python client's tests, so both implementations are held to the same bytes. */
    private static final String VECTORS = "lineage-vectors.json";

    @TestFactory
    Stream<DynamicTest> everyVectorCanonicalisesAndHashesAsWrittenByHand() throws IOException {
        JsonNode file = SharedTestData.read(VECTORS);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : file.get("vectors")) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
                LineageInput input = inputOf(vector);
                assertThat(LineageIdentity.canonicalJson(input)).isEqualTo(vector.get("canonical").asText());
                assertThat(LineageIdentity.hash(input).value()).isEqualTo(vector.get("lineage_hash").asText());
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(9);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidVectorIsRefusedNamingItsField() throws IOException {
        JsonNode file = SharedTestData.read(VECTORS);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : file.get("invalid")) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () ->
                    assertThatThrownBy(() -> LineageIdentity.hash(inputOf(vector)))
                            .isInstanceOf(RegistryException.class)
                            .hasMessageStartingWith(vector.get("field").asText() + ":")));
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    @Test
    void parentOrderDoesNotChangeTheHash() {
        LineageHash a = new LineageHash("a".repeat(64));
        LineageHash b = new LineageHash("b".repeat(64));
        DataWindow window = new DataWindow("2020-01-01", "2020-12-31");
        LineageHash forward = LineageIdentity.hash(new LineageInput("abcdef1", window, "1234567", null, List.of(a, b)));
        LineageHash backward = LineageIdentity.hash(new LineageInput("abcdef1", window, "1234567", null, List.of(b, a)));
        assertThat(forward).isEqualTo(backward);
    }

    @Test
    void aDifferentFeatureGraphIsADifferentIdentity() {
        DataWindow window = new DataWindow("2020-01-01", "2020-12-31");
        LineageHash one = LineageIdentity.hash(new LineageInput("abcdef1", window, "1234567", null, List.of()));
        LineageHash two = LineageIdentity.hash(new LineageInput("abcdef1", window, "1234568", null, List.of()));
        assertThat(one).isNotEqualTo(two);
    }

    private static LineageInput inputOf(JsonNode vector) throws IOException {
        JsonNode body = JSON.readTree(vector.get("input_json").asText());
        List<LineageHash> parents = new ArrayList<>();
        vector.get("parents").forEach(p -> parents.add(new LineageHash(p.asText())));
        return new LineageInput(body.get("code_commit").asText(),
                new DataWindow(body.get("data_window").get(0).asText(), body.get("data_window").get(1).asText()),
                body.get("feature_graph_hash").asText(),
                (ObjectNode) body.get("hyperparams"), parents);
    }
}
