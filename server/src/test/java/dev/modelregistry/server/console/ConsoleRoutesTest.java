package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.testing.Backend;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's route table kept honest beside the API's: its routes are all under /ui and none is in the OpenAPI
 * document (which {@code OpenApiContractTest} keeps equal to the API's routes), and every form that changes state
 * writes its audit entry, as every mutating API route does ({@code MutationAuditTest}).
 */
class ConsoleRoutesTest extends ConsoleTestSupport {
    /** The catch-all form route only answers "not found" (after the CSRF check); it changes nothing. */
    private static final String CATCH_ALL = "/ui/<path>";

    /** Each state-changing form: the audit action it must append, and one successful submission of it. */
    private final Map<String, Scenario> forms = Map.of(
            "POST /ui/models/{name}/reassign", new Scenario("model.reassigned", browser -> {
                String emptied = unique("emptied");
                String model = unique("orphan");
                registry.team(emptied);
                fixture.call("POST", "/models", ADMIN, "{\"name\":\"" + model + "\",\"owner\":\"" + emptied + "\"}", 201);
                browser.signIn(ADMIN);
                return browser.post("/ui/models/" + model + "/reassign", Map.of("csrf", browser.csrf(), "owner", fixture.team));
            }),
            "POST /ui/sign-in", new Scenario("console.signed_in",
                    browser -> browser.signIn(fixture.registrantToken)),
            "POST /ui/sign-out", new Scenario("console.signed_out", browser -> {
                browser.signIn(fixture.registrantToken);
                return browser.post("/ui/sign-out", Map.of("csrf", browser.csrf()));
            }),
            "POST /ui/models/{name}/versions/{model_id}/promote", new Scenario("deployment.promoted", browser -> {
                String model = unique("promoted");
                String id = fixture.ready(model);
                browser.signIn(fixture.approverToken);
                return browser.post("/ui/models/" + model + "/versions/" + id + "/promote",
                        Map.of("csrf", browser.csrf()));
            }),
            "POST /ui/models/{name}/rollback", new Scenario("deployment.rolled_back", browser -> {
                String model = unique("rolled");
                fixture.promote(model, fixture.ready(model), 100);
                fixture.promote(model, fixture.ready(model), 100);
                browser.signIn(fixture.approverToken);
                return browser.post("/ui/models/" + model + "/rollback",
                        Map.of("csrf", browser.csrf(), "reason", "audited"));
            }));

    record Scenario(String action, Function<ConsoleBrowser, ConsoleBrowser.Page> submit) {
    }

    @Override
    Backend backend() {
        return Backend.SQLITE;
    }

    @Test
    void consoleRoutesAreUnderUiAndOutsideTheApiContract() throws IOException {
        JsonNode paths = openApi().get("paths");
        for (ConsoleRoute route : registry.server().consoleRoutes()) {
            assertThat(route.path()).as("console route").startsWith(ConsoleApp.PREFIX);
            assertThat(paths.has(route.path().replaceAll("<([^>]+)>", "{$1}"))).as("%s documented", route.path()).isFalse();
        }
        assertThat(registry.server().routes()).extracting(Route::path).noneMatch(path -> path.startsWith("/ui"));
    }

    @Test
    void everyConsoleFormThatChangesStateIsAudited() {
        List<String> mutating = new ArrayList<>();
        registry.server().consoleRoutes().stream().filter(ConsoleRoute::mutating)
                .filter(route -> !route.path().equals(CATCH_ALL))
                .forEach(route -> mutating.add(route.method().name() + " " + route.path()));
        assertThat(new TreeMap<>(forms).keySet()).as("one audit scenario per form route").containsExactlyElementsOf(
                mutating.stream().sorted().toList());

        forms.forEach((route, scenario) -> {
            long before = count("SELECT COALESCE(MAX(seq), 0) FROM audit_log");
            ConsoleBrowser.Page answer = scenario.submit().apply(browser());
            assertThat(answer.status()).as(route).isEqualTo(303);
            assertThat(actionsAfter(before)).as(route).contains(scenario.action());
        });
    }

    private List<String> actionsAfter(long seq) {
        return registry.server().database().withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE seq > :seq")
                .bind("seq", seq).mapTo(String.class).list());
    }

    private static JsonNode openApi() throws IOException {
        try (InputStream in = ConsoleRoutesTest.class.getResourceAsStream("/openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
