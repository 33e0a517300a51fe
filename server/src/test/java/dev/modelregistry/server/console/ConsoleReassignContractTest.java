package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's reassignment of an orphan from the console: a confirmation naming the change, then a CSRF-protected form
 * through the API's own reassignment, audited as it is; refused to anyone else.
 */
abstract class ConsoleReassignContractTest extends ConsoleTestSupport {

    @Test
    void theConfirmationNamesWhatWillChangeAndChangesNothing() {
        String orphan = orphan();
        ConsoleBrowser admin = signedIn(ADMIN);

        String list = admin.get("/ui/orphans").body();
        Page choose = admin.get("/ui/models/" + orphan + "/reassign");
        Page confirm = admin.get("/ui/models/" + orphan + "/reassign?owner=" + fixture.team);
        Page unknownTeam = admin.get("/ui/models/" + orphan + "/reassign?owner=no-such-team");

        assertThat(list).as("the list leads to the confirmation, it does not post")
                .contains("<form method=\"get\" action=\"/ui/models/" + orphan + "/reassign\">");
        assertThat(choose.body()).contains("<label for=\"owner\">New owner team</label>").doesNotContain("method=\"post\" action=\"/ui/models/");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains(fixture.team + " becomes the owner team of " + orphan + ", in place of " + ownerOf(orphan))
                .contains(fixture.registrant).contains("no longer an orphan")
                .contains("<form method=\"post\" action=\"/ui/models/" + orphan + "/reassign\">")
                .contains("name=\"owner\" value=\"" + fixture.team + "\"");
        assertThat(unknownTeam.status()).isEqualTo(404);
        assertThat(ownerOf(orphan)).as("nothing changed yet").isNotEqualTo(fixture.team);
        Accessibility.check("reassign", choose.body());
        Accessibility.check("reassign confirmation", confirm.body());
        ConsolePagesContractTest.assertSecure("reassign confirmation", confirm);
    }

    @Test
    void anAdminReassignsAnOrphanAuditedExactlyAsTheApiReassigns() {
        String viaConsole = orphan();
        String viaApi = orphan();
        ConsoleBrowser admin = signedIn(ADMIN);

        Page answer = admin.post("/ui/models/" + viaConsole + "/reassign", Map.of("csrf", admin.csrf(), "owner", fixture.team));
        registry.post("/models/" + viaApi + ":reassign", ADMIN, "{\"owner\":\"" + fixture.team + "\"}");

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/ui/models/" + viaConsole);
        assertThat(ownerOf(viaConsole)).isEqualTo(fixture.team);
        assertThat(admin.get("/ui/orphans").body()).doesNotContain(">" + viaConsole + "</a>");
        JsonNode consoleEntry = lastEntry(viaConsole);
        JsonNode apiEntry = lastEntry(viaApi);
        assertThat(consoleEntry.get("action").asText()).isEqualTo("model.reassigned");
        assertThat(consoleEntry.get("actor").asText()).isEqualTo(apiEntry.get("actor").asText());
        assertThat(consoleEntry.get("chain").asText()).isEqualTo("model:" + viaConsole);
        assertThat(shape(consoleEntry.get("detail"))).isEqualTo(shape(apiEntry.get("detail")));
    }

    @Test
    void aNonAdminSeesNoFormAndAForgedReassignIsRefusedAndChangesNothing() {
        String orphan = orphan();
        String owner = ownerOf(orphan);
        ConsoleBrowser registrant = signedIn(fixture.registrantToken);
        ConsoleBrowser admin = signedIn(ADMIN);

        String list = registrant.get("/ui/orphans").body();
        Page form = registrant.get("/ui/models/" + orphan + "/reassign?owner=" + fixture.team);
        Page forged = registrant.post("/ui/models/" + orphan + "/reassign",
                Map.of("csrf", registrant.csrf(), "owner", fixture.team));
        Page withoutCsrf = admin.post("/ui/models/" + orphan + "/reassign", Map.of("owner", fixture.team));

        assertThat(list).contains(">" + orphan + "</a>").doesNotContain("/reassign\"");
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.body()).doesNotContain("method=\"post\" action=\"/ui/models/");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(withoutCsrf.status()).isEqualTo(403);
        assertThat(withoutCsrf.body()).contains("CSRF");
        assertThat(ownerOf(orphan)).isEqualTo(owner);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE subject = 'model:" + orphan
                + "' AND action = 'model.reassigned'")).isZero();
    }

    /** A model owned by a team without members: an orphan from the start. */
    private String orphan() {
        String team = unique("empty");
        registry.team(team);
        String model = unique("orphan");
        fixture.call("POST", "/models", ADMIN, "{\"name\":\"" + model + "\",\"owner\":\"" + team + "\"}", 201);
        return model;
    }

    private String ownerOf(String model) {
        return registry.get("/models/" + model, ADMIN).body().get("owner").asText();
    }

    private JsonNode lastEntry(String model) {
        JsonNode items = registry.get("/audit?subject=model:" + model, ADMIN).body().get("items");
        return items.get(items.size() - 1);
    }

    /** The field names of a JSON tree, recursively: what two audit details must share to be the same kind. */
    private static List<String> shape(JsonNode node) {
        List<String> fields = new java.util.ArrayList<>();
        node.fields().forEachRemaining(field -> {
            fields.add(field.getKey());
            shape(field.getValue()).forEach(nested -> fields.add(field.getKey() + "." + nested));
        });
        return fields;
    }
}
