package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The orphans page and the admin's reassignment. */
abstract class ConsoleOrphansContractTest extends ConsoleTestSupport {

    @Test
    void theOrphansPageSaysWhyAndSinceWhenAndOffersReassignOnlyToAdmins() {
        String orphan = orphan();

        String asAdmin = signedIn(ADMIN).get("/ui/orphans").body();
        String asRegistrant = signedIn(fixture.registrantToken).get("/ui/orphans").body();

        assertThat(asAdmin).contains(">" + orphan + "</a>").contains("href=\"/ui/models/" + orphan + "/reassign\"")
                .containsPattern("<td><time datetime=\"[^\"]+\">\\d{4}-\\d{2}-\\d{2} ");
        assertThat(asRegistrant).contains(">" + orphan + "</a>").doesNotContain("/reassign\"");
        JsonNode api = registry.get("/orphans?limit=500", ADMIN).body().get("items");
        String reason = null;
        for (JsonNode item : api) {
            if (item.get("model").asText().equals(orphan)) {
                reason = item.get("reason").asText();
            }
        }
        assertThat(reason).isNotBlank();
        assertThat(asAdmin).contains("<td>" + reason + "</td>");
        Accessibility.check("/ui/orphans", asAdmin);
    }

    @Test
    void theConfirmationNamesWhatWillChangeAndChangesNothing() {
        String orphan = orphan();
        ConsoleBrowser admin = signedIn(ADMIN);

        Page choose = admin.get("/ui/models/" + orphan + "/reassign");
        Page confirm = admin.get("/ui/models/" + orphan + "/reassign?owner=" + fixture.team);
        Page unknownTeam = admin.get("/ui/models/" + orphan + "/reassign?owner=no-such-team");

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

        Page form = registrant.get("/ui/models/" + orphan + "/reassign?owner=" + fixture.team);
        Page forged = registrant.post("/ui/models/" + orphan + "/reassign",
                Map.of("csrf", registrant.csrf(), "owner", fixture.team));
        Page withoutCsrf = admin.post("/ui/models/" + orphan + "/reassign", Map.of("owner", fixture.team));

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
