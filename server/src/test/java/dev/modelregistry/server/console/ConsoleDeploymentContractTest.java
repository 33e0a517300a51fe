package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promote, canary and roll back from the console: a confirmation first, then the change through the same service
 * as the API, with the same gates and audit; and the refusals (no button for a non-approver, a forged or
 * CSRF-less form refused with nothing changed).
 */
abstract class ConsoleDeploymentContractTest extends ConsoleTestSupport {

    @Test
    void anApproverPromotesAfterAConfirmationThatNamesTheChange() {
        String model = unique("promoted");
        String id = fixture.ready(model);
        ConsoleBrowser approver = signedIn(fixture.approverToken);
        assertThat(approver.get(versionPath(model, id)).body()).contains("Review the promotion");

        Page confirmation = approver.get(versionPath(model, id) + "/promote?canary_pct=100");

        assertThat(confirmation.status()).isEqualTo(200);
        assertThat(confirmation.body()).contains(id + " becomes production at 100%.")
                .contains("moves from revision 0 to 1").contains("Promote to production");
        assertThat(revision(model)).as("the confirmation changed nothing").isZero();

        Page done = approver.post(versionPath(model, id) + "/promote",
                Map.of("csrf", confirmation.csrf(), "canary_pct", "100"));

        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("Location")).isEqualTo("/ui/models/" + model);
        assertThat(deployment(model).get("production").get("model_id").asText()).isEqualTo(id);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'deployment.promoted' AND subject = 'deployment:"
                + model + "' AND actor = '" + fixture.approver + "'")).isEqualTo(1);
    }

    @Test
    void aCanaryStartsAndIsRolledBackWithItsReason() {
        String model = unique("canaried");
        String production = fixture.ready(model);
        fixture.promote(model, production, 100);
        String canary = fixture.ready(model);
        ConsoleBrowser approver = signedIn(fixture.approverToken);

        String plan = approver.get(versionPath(model, canary) + "/promote?canary_pct=10").body();
        approver.post(versionPath(model, canary) + "/promote", Map.of("csrf", approver.csrf(), "canary_pct", "10"));
        JsonNode split = deployment(model);
        String rollbackPlan = approver.get("/ui/models/" + model + "/rollback").body();
        Page rolledBack = approver.post("/ui/models/" + model + "/rollback",
                Map.of("csrf", approver.csrf(), "reason", "fill rate collapsed"));

        assertThat(plan).contains(canary + " becomes the canary, taking 10% of the traffic.")
                .contains(production + " stays production with 90%.");
        assertThat(split.get("canary").get("model_id").asText()).isEqualTo(canary);
        assertThat(split.get("canary").get("pct").asInt()).isEqualTo(10);
        assertThat(rollbackPlan).contains("The canary " + canary + " is marked rolled_back")
                .contains("<label for=\"reason\">");
        assertThat(rolledBack.status()).isEqualTo(303);
        JsonNode after = deployment(model);
        assertThat(after.get("canary").isNull()).isTrue();
        assertThat(after.get("production").get("model_id").asText()).isEqualTo(production);
        assertThat(approver.get("/ui/models/" + model).body()).contains("Why:</span> fill rate collapsed");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'deployment.rolled_back' AND subject = "
                + "'deployment:" + model + "' AND actor = '" + fixture.approver + "'")).isEqualTo(1);
    }

    @Test
    void aNonApproverSeesNoPromoteButtonAndAForgedPromotionIsRefused() {
        String model = unique("forged");
        String id = fixture.ready(model);
        ConsoleBrowser registrant = signedIn(fixture.registrantToken);

        String page = registrant.get(versionPath(model, id)).body();
        Page forged = registrant.post(versionPath(model, id) + "/promote",
                Map.of("csrf", registrant.csrf(), "canary_pct", "100"));

        assertThat(page).doesNotContain("Review the promotion").contains("No promotion by you is possible");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains(fixture.registrant + " is not in the approver ACL");
        assertThat(revision(model)).isZero();
    }

    @Test
    void aPromotionWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        String model = unique("csrf");
        String id = fixture.ready(model);
        ConsoleBrowser approver = signedIn(fixture.approverToken);

        Page refused = approver.post(versionPath(model, id) + "/promote", Map.of("canary_pct", "100"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(revision(model)).isZero();
    }

    @Test
    void anUnmetGateHidesTheButtonAndRefusesTheFormWithItsReason() {
        String model = unique("unsealed");
        String id = fixture.candidate(model).get("model_id").asText();
        ConsoleBrowser approver = signedIn(fixture.approverToken);

        String page = approver.get(versionPath(model, id)).body();
        Page refused = approver.post(versionPath(model, id) + "/promote", Map.of("csrf", approver.csrf()));

        assertThat(page).contains("<strong>Unmet:</strong> The version is sealed").doesNotContain("Review the promotion");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).as("refused with the first unmet rule, as the API refuses")
                .contains("<h1>No verified evaluation report bound to this version's lineage hash</h1>");
        assertThat(revision(model)).isZero();
    }

    @Test
    void aRollbackNeedsAReason() {
        String model = unique("reasonless");
        fixture.promote(model, fixture.ready(model), 100);
        fixture.promote(model, fixture.ready(model), 100);
        ConsoleBrowser approver = signedIn(fixture.approverToken);

        Page refused = approver.post("/ui/models/" + model + "/rollback", Map.of("csrf", approver.csrf(), "reason", " "));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(revision(model)).isEqualTo(2);
    }

    @Test
    void theLiveDeploymentSectionAnswersWhenTheRevisionChanges() throws Exception {
        String model = unique("live");
        String id = fixture.ready(model);
        ConsoleBrowser approver = signedIn(fixture.approverToken);
        assertThat(approver.get("/ui/models/" + model).body())
                .contains("hx-get=\"/ui/models/" + model + "/deployment?after_revision=0\"");

        CompletableFuture<Page> waiting = CompletableFuture.supplyAsync(() ->
                approver.get("/ui/models/" + model + "/deployment?after_revision=0", Map.of("HX-Request", "true")));
        Thread.sleep(300);
        assertThat(waiting).as("nothing changed yet: still waiting").isNotDone();
        fixture.promote(model, id, 100);
        Page section = waiting.get(10, TimeUnit.SECONDS);

        assertThat(section.status()).isEqualTo(200);
        assertThat(section.body()).startsWith("<section id=\"deployment\"").contains(">" + id + "</a> at 100%")
                .contains("after_revision=1\"").doesNotContain("<html");
        // The versions table and the timeline ride along as out-of-band swaps, so the page needs no reload.
        assertThat(section.body()).contains("<section id=\"versions\" hx-swap-oob=\"true\">")
                .containsPattern(id + "</a></td>\\s*<td>production</td>")
                .contains("<section id=\"timeline\" hx-swap-oob=\"true\">").contains("<strong>Revision 1</strong>");
        assertThat(approver.get("/ui/models/" + model + "/deployment?after_revision=0").body()).as("already past it")
                .contains(">" + id + "</a> at 100%");
    }

    @Test
    void theLiveUpdateKeepsThePageOfVersionsOnScreen() throws Exception {
        String model = unique("paged");
        String id = fixture.ready(model);
        ConsoleBrowser approver = signedIn(fixture.approverToken);
        assertThat(approver.get("/ui/models/" + model + "?after=" + id).body())
                .contains("hx-get=\"/ui/models/" + model + "/deployment?after_revision=0&amp;after="
                        + id.replace("@", "%40") + "\"");
        fixture.promote(model, id, 100);
        String section = approver.get("/ui/models/" + model + "/deployment?after_revision=0&after=" + id).body();

        assertThat(section).contains("after_revision=1&amp;after=" + id.replace("@", "%40") + "\"")
                .as("the versions after " + id + ": none").contains("No version is registered yet.");
    }

    @Test
    void theRollbackLinkShowsOnlyToThoseWhoMayRollBack() {
        String model = unique("rollable");
        fixture.promote(model, fixture.ready(model), 100);
        String outsider = fixture.principal(prefix + "-outsider");

        assertThat(signedIn(fixture.approverToken).get("/ui/models/" + model).body()).contains("Roll back…");
        assertThat(signedIn(fixture.registrantToken).get("/ui/models/" + model).body()).as("the owning team")
                .contains("Roll back…");
        assertThat(signedIn(outsider).get("/ui/models/" + model).body()).doesNotContain("Roll back…");
    }

    @Test
    void aBackgroundRequestWithoutASessionGets401AndAWholePageRedirect() {
        Page answer = browser().get("/ui/models/any/deployment?after_revision=0", Map.of("HX-Request", "true"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("HX-Redirect")).isEqualTo("/ui/sign-in");
    }

    private JsonNode deployment(String model) {
        return registry.get("/models/" + model + "/deployment", ADMIN).body();
    }

    private long revision(String model) {
        return deployment(model).get("revision").asLong();
    }

}
