package dev.modelregistry.server.console;

import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's orphans: listed with why and since when for everyone, reassigned to a team by an admin only. */
abstract class ConsoleOrphansContractTest extends ConsoleTestSupport {

    @Test
    void orphansAreListedWithWhyAndAnAdminReassignsThem() {
        String emptied = unique("emptied");
        String heirs = unique("heirs");
        String model = unique("orphaned");
        registry.team(emptied);
        registry.team(heirs, fixture.registrant);
        fixture.call("POST", "/models", ADMIN, "{\"name\":\"" + model + "\",\"owner\":\"" + emptied + "\"}", 201);
        ConsoleBrowser admin = signedIn(ADMIN);

        String asRegistrant = signedIn(fixture.registrantToken).get("/ui/orphans").body();
        Page asAdmin = admin.get("/ui/orphans");
        Page reassigned = admin.post("/ui/models/" + model + "/reassign", Map.of("csrf", asAdmin.csrf(), "owner", heirs));

        assertThat(asRegistrant).contains(">" + model + "</a>").contains("team emptied: " + emptied + " has no members")
                .doesNotContain("<label for=\"owner-" + model + "\">");
        assertThat(asAdmin.body()).contains("<label for=\"owner-" + model + "\">New owner team of " + model + "</label>");
        Accessibility.check("/ui/orphans", asAdmin.body());
        assertThat(reassigned.status()).isEqualTo(303);
        assertThat(reassigned.header("Location")).isEqualTo("/ui/models/" + model);
        assertThat(registry.get("/models/" + model, ADMIN).body().get("owner").asText()).isEqualTo(heirs);
        assertThat(admin.get("/ui/orphans").body()).doesNotContain(">" + model + "</a>");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'model.reassigned' AND subject = 'model:"
                + model + "'")).isEqualTo(1);
    }

    @Test
    void onlyAnAdminReassigns() {
        String emptied = unique("emptied");
        String model = unique("kept");
        registry.team(emptied);
        fixture.call("POST", "/models", ADMIN, "{\"name\":\"" + model + "\",\"owner\":\"" + emptied + "\"}", 201);
        ConsoleBrowser registrant = signedIn(fixture.registrantToken);

        Page refused = registrant.post("/ui/models/" + model + "/reassign",
                Map.of("csrf", registrant.csrf(), "owner", fixture.team));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains(fixture.registrant + " is not an admin");
        assertThat(registry.get("/models/" + model, ADMIN).body().get("owner").asText()).isEqualTo(emptied);
    }
}
