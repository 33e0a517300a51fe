package dev.modelregistry.browser;

import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The orphans list and an admin's reassign (refused for anyone else), and the audit log filtered as a person does. */
@ExtendWith(ConsoleExtension.class)
class BrowserOrphansAndAuditTest {
    private final Console console;

    BrowserOrphansAndAuditTest(Console console) {
        this.console = console;
    }

    @Test
    void anAdminReassignsAnOrphanFromTheList() {
        orphan("lost-fx", "emptied-fx");
        console.signIn(TestRegistry.ADMIN_TOKEN);
        console.open("/ui/orphans");
        assertThat(row("lost-fx").get("Why")).contains("emptied-fx has no members");
        // Each orphan's row has its own field: type into lost-fx's, whichever other orphans are listed above it.
        console.driver.findElement(By.id("owner-lost-fx")).sendKeys(console.desk.team);
        console.click(By.xpath("//tr[td/a[.='lost-fx']]//button[normalize-space()='Reassign…']"));
        // The confirmation names the change before anything changes.
        assertThat(console.path()).isEqualTo("/ui/models/lost-fx/reassign?owner=" + console.desk.team);
        assertThat(console.driver.findElement(By.tagName("main")).getText())
                .contains(console.desk.team + " becomes the owner team of lost-fx");
        assertThat(console.desk.call("GET", "/models/lost-fx", TestRegistry.ADMIN_TOKEN, null, 200).get("owner").asText())
                .isEqualTo("emptied-fx");
        console.click(By.xpath("//button[normalize-space()='Reassign to " + console.desk.team + "']"));
        assertThat(console.path()).isEqualTo("/ui/models/lost-fx");
        assertThat(console.desk.call("GET", "/models/lost-fx", TestRegistry.ADMIN_TOKEN, null, 200).get("owner").asText())
                .isEqualTo(console.desk.team);
        console.open("/ui/orphans");
        assertThat(console.driver.findElements(By.linkText("lost-fx"))).isEmpty();
    }

    @Test
    void aNonAdminSeesNoReassignFormAndTheirForgedPostIs403() {
        orphan("lost-eq", "emptied-eq");
        console.signIn(console.desk.approverToken);
        console.open("/ui/orphans");
        assertThat(row("lost-eq")).doesNotContainKey("Reassign");
        assertThat(console.driver.findElements(By.name("owner"))).isEmpty();
        console.submitScriptedForm("/ui/models/lost-eq/reassign",
                Map.of("csrf", console.csrfToken(), "owner", console.desk.team));
        assertThat(console.heading()).isEqualTo("Refused");
        assertThat(console.postWithSession("/ui/models/lost-eq/reassign", "owner=" + console.desk.team).status())
                .isEqualTo(403);
        assertThat(console.desk.call("GET", "/models/lost-eq", TestRegistry.ADMIN_TOKEN, null, 200).get("owner").asText())
                .isEqualTo("emptied-eq");
    }

    @Test
    void theAuditFilteredByActorAndActionShowsOnlyThoseEntries() {
        String version = console.desk.ready("audit-fx");
        console.desk.promote("audit-fx", version, 100);
        console.signIn(console.desk.registrantToken);
        console.open("/ui/audit");
        console.type("actor", console.desk.approver);
        console.type("action", "deployment.promoted");
        console.click(By.xpath("//button[normalize-space()='Filter']"));
        List<Map<String, String>> entries = console.table(By.tagName("table"));
        assertThat(entries).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.get("Actor")).isEqualTo(console.desk.approver);
            assertThat(entry.get("Action")).isEqualTo("deployment.promoted");
        });
        assertThat(entries).anySatisfy(entry -> assertThat(entry.get("Subject")).contains("audit-fx"));
        // The registrant never promoted anything: the same action by them matches nothing.
        console.type("actor", console.desk.registrant);
        console.click(By.xpath("//button[normalize-space()='Filter']"));
        assertThat(console.driver.findElement(By.tagName("main")).getText()).contains("No entry matches.");
    }

    /** A model owned by a team without members, which makes it an orphan at once. */
    private void orphan(String model, String team) {
        console.registry.team(team);
        console.desk.call("POST", "/models", TestRegistry.ADMIN_TOKEN,
                "{\"name\":\"" + model + "\",\"owner\":\"" + team + "\"}", 201);
    }

    private Map<String, String> row(String model) {
        return console.table(By.tagName("table")).stream().filter(row -> model.equals(row.get("Model"))).findFirst()
                .orElseThrow(() -> new AssertionError(model + " is not listed on " + console.path()));
    }
}
