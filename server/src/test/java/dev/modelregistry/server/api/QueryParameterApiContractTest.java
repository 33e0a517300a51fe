package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route takes only the query parameters the route table declares for it: any other is a 400 naming each one,
 * before the handler runs, so a misspelt filter never answers as if it matched everything.
 */
abstract class QueryParameterApiContractTest extends ApiTestSupport {
    private static String member;
    private static String model;
    private static String modelId;

    @BeforeAll
    static void modelWithAVersion() {
        String team = unique("query");
        member = teamWithMember(team);
        model = unique("queried");
        modelId = register(model, member, registration(team)).get("model_id").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/models", "/models/{model}", "/models/{model}/versions", "/models/{model}/versions/{id}",
            "/versions", "/teams", "/orphans", "/audit", "/audit/leaves", "/models/{model}/deployment",
            "/models/{model}/deployment/history", "/models/{model}/versions/{id}/graph", "/keys", "/healthz"})
    void anUnknownQueryParameterIsRefusedNamingEachOne(String route) {
        String path = route.replace("{model}", model).replace("{id}", modelId);

        Response refused = assertInvalidFields(get(path + "?stage=production&labels=desk", member), "labels", "stage");

        assertThat(messages(refused)).allSatisfy(message -> assertThat(message).startsWith("unknown query parameter"));
    }

    @Test
    void theRefusalSaysWhatTheRouteAccepts() {
        Response refused = assertInvalidFields(get("/models/" + model + "/deployment?revision=3", member), "revision");

        assertThat(messages(refused))
                .containsExactly("unknown query parameter; this route accepts: wait, after_revision, at");
        assertThat(messages(assertInvalidFields(get("/models/" + model + "?expand=versions", member), "expand")))
                .containsExactly("unknown query parameter; this route takes none");
    }

    @Test
    void theMotivatingCaseALabelOnTheTeamsListIsRefusedNotIgnored() {
        assertInvalidFields(get("/teams?label=asset:equities", member), "label");
    }

    @Test
    void aPostWithAnUnknownQueryParameterIsRefusedAndCreatesNothing() {
        String team = unique("dry-run");

        assertInvalidFields(post("/teams?dry_run=true", ADMIN, nameBody(team)), "dry_run");

        assertProblem(get("/teams/" + team, ADMIN), 404, "not-found");
    }

    @Test
    void theDeclaredParametersStillWork() {
        assertStatus(200, get("/models/" + model + "/deployment/history?after=0&limit=5", member));
        assertStatus(200, get("/models/" + model + "/versions/" + modelId + "/graph?direction=up&depth=2", member));
        assertStatus(200, get("/audit?subject=model:" + model + "&limit=1", member));
    }

    @Test
    void anEmptyValueIsTheSameAsNone() {
        List<JsonNode> all = allPages("/models/" + model + "/versions", member, 500);

        List<JsonNode> blank = items(assertStatus(200,
                get("/models/" + model + "/versions?status=&label=&after=&limit=", member)));

        assertThat(blank).isEqualTo(all);
    }

    @Test
    void aSingleValuedParameterGivenTwiceIsRefused() {
        assertInvalidFields(get("/models?owner=a&owner=b", member), "owner");
        assertInvalidFields(get("/models/" + model + "/versions?after=x&after=y", member), "after");
    }

    private static List<String> messages(Response response) {
        return StreamSupport.stream(response.body().get("errors").spliterator(), false)
                .map(error -> error.get("message").asText()).toList();
    }
}
