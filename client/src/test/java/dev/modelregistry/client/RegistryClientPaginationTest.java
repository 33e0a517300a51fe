package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RegistryClientPaginationTest {
    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = new RegistryClient(registry.uri(), "t");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void onePageCarriesItsItemsAndTheNextCursor() {
        registry.on("GET", "/models?after=alpha&limit=2", 200, JSON,
                "{\"items\": [{\"name\": \"beta\"}, {\"name\": \"gamma\"}], \"next\": \"gamma\"}");

        Page page = client.models("alpha", 2);

        assertThat(page.items()).extracting(m -> m.get("name").asText()).containsExactly("beta", "gamma");
        assertThat(page.next()).isEqualTo("gamma");
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void walkingAllPagesFollowsNextUntilItIsNull() {
        registry.on("GET", "/models", 200, JSON, "{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}], \"next\": \"b\"}");
        registry.on("GET", "/models?after=b", 200, JSON, "{\"items\": [{\"name\": \"c\"}], \"next\": \"c\"}");
        registry.on("GET", "/models?after=c", 200, JSON, "{\"items\": [], \"next\": null}");

        List<String> names = client.allModels().map(m -> m.get("name").asText()).toList();

        assertThat(names).containsExactly("a", "b", "c");
        assertThat(registry.received()).extracting(FakeRegistry.Received::rawQuery)
                .containsExactly(null, "after=b", "after=c");
    }

    @Test
    void walkingAllPagesFetchesLazily() {
        registry.on("GET", "/models/xsmom/versions", 200, JSON,
                "{\"items\": [{\"model_id\": \"xsmom@2026.05.15-r1\"}], \"next\": \"xsmom@2026.05.15-r1\"}");

        JsonNode first = client.allVersions("xsmom").findFirst().orElseThrow();

        assertThat(first.get("model_id").asText()).isEqualTo("xsmom@2026.05.15-r1");
        assertThat(registry.received()).hasSize(1);
    }

    @Test
    void cursorsAndSubjectsArePercentEncodedInTheQuery() {
        registry.on("GET", "/audit?subject=model%3Axsmom&after=10&limit=5", 200, JSON,
                "{\"items\": [{\"seq\": 11}], \"next\": 11}");

        Page page = client.audit("model:xsmom", "10", 5);

        assertThat(page.items()).hasSize(1);
        assertThat(page.next()).as("a numeric cursor is kept as text").isEqualTo("11");
    }

    @Test
    void aServerRepeatingTheSameCursorIsAnErrorNotAnEndlessLoop() {
        registry.on("GET", "/teams", 200, JSON, "{\"items\": [{\"name\": \"a\"}], \"next\": \"a\"}");
        registry.on("GET", "/teams?after=a", 200, JSON, "{\"items\": [{\"name\": \"a\"}], \"next\": \"a\"}");

        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> client.access().allTeams().toList());

        assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(problem.getMessage()).contains("same cursor");
    }
}
