package dev.modelregistry.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** What the search methods send: only the filters set, each label as its own parameter, every value encoded. */
class SearchClientRequestTest {
    private static final String EMPTY = "{\"items\": [], \"next\": null}";
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
    void aModelQuerySendsOnlyItsFiltersWithEachLabelRepeated() {
        registry.on("GET", "/models?name_prefix=xs&owner=desk&label=asset%3Aequities&label=region&health=warning"
                + "&limit=50", 200, JSON, EMPTY);

        client.search().models(ModelQuery.all().namePrefix("xs").owner("desk").label("asset:equities")
                .label("region").health("warning"), null, 50);

        assertThat(registry.received()).hasSize(1);
    }

    @Test
    void aVersionQueryOfOneModelLeavesTheModelInThePath() {
        registry.on("GET", "/models/xsmom/versions?status=candidate&code_commit=a13fce0&registered_after="
                + "2026-05-01T00%3A00%3A00Z&registered_before=2026-06-01T00%3A00%3A00Z&after=xsmom%402026.05.15-r1",
                200, JSON, EMPTY);

        client.search().versions("xsmom", VersionQuery.all().model("ignored").status("candidate").codeCommit("a13fce0")
                .registeredBetween(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z")),
                "xsmom@2026.05.15-r1", null);

        assertThat(registry.received()).hasSize(1);
    }

    @Test
    void everyModelsVersionsCarryTheModelFilterAndWalkEveryPage() {
        registry.on("GET", "/versions?model=xsmom&label=desk%3Afx&verdict=none", 200, JSON,
                "{\"items\": [{\"model_id\": \"xsmom@2026.05.15-r1\"}], \"next\": \"xsmom@2026.05.15-r1\"}");
        registry.on("GET", "/versions?model=xsmom&label=desk%3Afx&verdict=none&after=xsmom%402026.05.15-r1", 200,
                JSON, "{\"items\": [{\"model_id\": \"xsmom@2026.05.15-r2\"}], \"next\": null}");

        List<String> ids = client.search().allVersions(VersionQuery.all().model("xsmom").label("desk:fx")
                .verdict("none")).map(v -> v.get("model_id").asText()).toList();

        assertThat(ids).containsExactly("xsmom@2026.05.15-r1", "xsmom@2026.05.15-r2");
    }
}
