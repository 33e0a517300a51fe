package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.ModelQuery;
import dev.modelregistry.client.Page;
import dev.modelregistry.client.ProblemException;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.VersionQuery;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Java client's searches ({@code registry.search()}) against a real server on SQLite. */
class SearchClientAgainstRealServerTest {
    private static final String ADMIN = "client-search-admin-token-0123456789abcde";
    private static final String COMMIT = "5eed5eed0123456789abcdef0123456789abcdef";
    private static RegistryServer server;
    private static RegistryClient registry;
    private static JsonNode first;
    private static JsonNode second;
    private static JsonNode third;

    @BeforeAll
    static void start() throws Exception {
        server = RegistryServer.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("client-search"))
                .withPort(0).withBootstrapAdminToken(ADMIN));
        registry = new RegistryClient(URI.create("http://127.0.0.1:" + server.port()), ADMIN);
        registry.access().createTeam("macro");
        registry.access().createPrincipal("pm", "user", false);
        registry.access().addTeamMember("macro", "pm");
        first = registry.registerVersion("carry", body(COMMIT, Map.of("asset", "fx", "region", "eu"))).version();
        second = registry.registerVersion("carry", body("abcdef0", Map.of("asset", "fx"))).version();
        third = registry.registerVersion("curve-fly", body(COMMIT, Map.of("asset", "rates"))).version();
    }

    @AfterAll
    static void stop() {
        registry.close();
        server.close();
    }

    @Test
    void modelsAreFoundByTheirFiltersAndPagedByName() {
        assertThat(names(ModelQuery.all().namePrefix("c"))).containsExactly("carry", "curve-fly");
        assertThat(names(ModelQuery.all().nameContains("FLY"))).containsExactly("curve-fly");
        assertThat(names(ModelQuery.all().owner("macro").label("asset:fx").label("region"))).containsExactly("carry");
        assertThat(registry.search().allModels(ModelQuery.all().health("ok")).toList())
                .allSatisfy(model -> assertThat(model.get("health").get("state").asText()).isEqualTo("ok"));

        Page page = registry.search().models(ModelQuery.all().namePrefix("c"), null, 1);
        assertThat(page.items()).hasSize(1);
        assertThat(registry.search().models(ModelQuery.all().namePrefix("c"), page.next(), 1).items())
                .extracting(m -> m.get("name").asText()).containsExactly("curve-fly");
    }

    @Test
    void versionsAreFoundAcrossModelsOrInOne() {
        assertThat(ids(registry.search().allVersions(VersionQuery.all().codeCommit(COMMIT.substring(0, 8))).toList()))
                .containsExactly(id(first), id(third));
        assertThat(ids(registry.search().allVersions("carry", VersionQuery.all().label("asset:fx")).toList()))
                .containsExactly(id(first), id(second));
        assertThat(ids(registry.search().allVersions(VersionQuery.all().model("carry").verdict("none")
                .lineageHash(second.get("lineage_hash").asText())).toList())).containsExactly(id(second));
        Instant at = Instant.parse(second.get("registered_at").asText());
        assertThat(ids(registry.search().allVersions(VersionQuery.all().registeredBy("admin")
                .registeredBetween(at, null)).toList())).containsExactly(id(second), id(third));
    }

    @Test
    void aRefusedFilterIsAProblemNamingIt() {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> registry.search().versions(VersionQuery.all().status("live").codeCommit("XYZ"), null, null));

        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("status", "code_commit");
    }

    private static List<String> names(ModelQuery query) {
        return registry.search().allModels(query).map(m -> m.get("name").asText()).toList();
    }

    private static List<String> ids(List<JsonNode> versions) {
        return versions.stream().map(SearchClientAgainstRealServerTest::id).toList();
    }

    private static String id(JsonNode version) {
        return version.get("model_id").asText();
    }

    private static ObjectNode body(String commit, Map<String, String> labels) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("code_commit", commit)
                .put("feature_graph_hash", "8b2e9f01").put("owner", "macro");
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        ObjectNode object = body.putObject("labels");
        labels.forEach(object::put);
        return body;
    }
}
