package dev.modelregistry.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Promote, canary and roll back as a person does it: the checklist, the confirmation naming what will change, the
 * form; the result compared with the API's deployment. And the refusals: no button for a non-approver and a forged
 * post refused, a post without the CSRF token refused, a rollback without a reason refused, each changing nothing.
 * Every test deploys a model of its own, so no test depends on another's deployment.
 */
@ExtendWith(ConsoleExtension.class)
class BrowserDeploymentTest {
    private static final By REVIEW = By.xpath("//button[normalize-space()='Review the promotion']");
    private static final By CONFIRM = By.cssSelector("main form button[type=submit]");

    private final Console console;

    BrowserDeploymentTest(Console console) {
        this.console = console;
    }

    @Test
    void anApproverPromotesToProductionAfterReviewingWhatWillChange() {
        String version = openReadyVersionAsApprover("carry-fx");
        console.click(REVIEW);
        assertThat(console.heading()).isEqualTo("Promote to production");
        assertThat(changes()).isNotEmpty().anySatisfy(change -> assertThat(change).contains(version));
        assertThat(deployment("carry-fx").path("revision").asInt()).as("the confirmation changes nothing").isZero();
        console.click(CONFIRM);
        assertThat(console.path()).isEqualTo("/ui/models/carry-fx");
        JsonNode deployed = deployment("carry-fx");
        assertThat(deployed.at("/production/model_id").asText()).isEqualTo(version);
        assertThat(split("Production")).isEqualTo(version + " at " + deployed.at("/production/pct").asInt() + "%");
        assertThat(history().get(0)).contains(console.desk.approver + " promoted");
    }

    @Test
    void anApproverStartsACanaryAtTheShareTheyChose() {
        String production = inProduction("carry-eq");
        String candidate = console.desk.ready("carry-eq");
        console.signIn(console.desk.approverToken);
        console.open(versionPath("carry-eq", candidate));
        console.type("canary_pct", "15");
        console.click(REVIEW);
        assertThat(console.heading()).isEqualTo("Start a canary");
        console.click(CONFIRM);
        JsonNode deployed = deployment("carry-eq");
        assertThat(deployed.at("/canary/model_id").asText()).isEqualTo(candidate);
        assertThat(deployed.at("/canary/pct").asInt()).isEqualTo(15);
        assertThat(split("Canary")).isEqualTo(candidate + " at 15%");
        assertThat(split("Production")).isEqualTo(production + " at 85%");
    }

    @Test
    void aPromotionCanBeMadeWithTheKeyboardAlone() {
        String version = openReadyVersionAsApprover("carry-kb");
        console.tabToAndPressEnter(REVIEW);
        assertThat(console.heading()).isEqualTo("Promote to production");
        console.tabToAndPressEnter(CONFIRM);
        assertThat(console.path()).isEqualTo("/ui/models/carry-kb");
        assertThat(deployment("carry-kb").at("/production/model_id").asText()).isEqualTo(version);
    }

    @Test
    void aRollbackNeedsAReasonAndIsRecordedWithIt() {
        String production = inProduction("carry-rates");
        String canary = console.desk.ready("carry-rates");
        console.desk.promote("carry-rates", canary, 10);
        int before = deployment("carry-rates").path("revision").asInt();
        console.signIn(console.desk.approverToken);
        console.open("/ui/models/carry-rates");
        console.follow("Roll back…");
        assertThat(changes()).anySatisfy(change -> assertThat(change).contains(canary));
        // Without a reason the browser does not send the form at all (the field is required) ...
        console.click(By.xpath("//button[normalize-space()='Roll back']"));
        assertThat(console.heading()).isEqualTo("Roll back carry-rates");
        assertThat(console.driver.executeScript("return document.getElementById('reason').validity.valueMissing"))
                .isEqualTo(true);
        // ... and a post without one, sent anyway, is refused by the server.
        console.submitScriptedForm("/ui/models/carry-rates/rollback", Map.of("csrf", console.csrfToken()));
        assertThat(console.driver.findElement(By.tagName("main")).getText()).contains("say why");
        assertThat(deployment("carry-rates").path("revision").asInt()).isEqualTo(before);

        console.open("/ui/models/carry-rates/rollback");
        console.type("reason", "drawdown beyond limit");
        console.click(By.xpath("//button[normalize-space()='Roll back']"));
        assertThat(console.path()).isEqualTo("/ui/models/carry-rates");
        JsonNode deployed = deployment("carry-rates");
        assertThat(deployed.path("revision").asInt()).isEqualTo(before + 1);
        assertThat(deployed.path("canary").isNull()).as("the canary is gone: %s", deployed).isTrue();
        assertThat(split("Canary")).isEqualTo("none");
        assertThat(split("Production")).isEqualTo(deployed.at("/production/model_id").asText() + " at "
                + deployed.at("/production/pct").asInt() + "%");
        assertThat(history().get(0)).contains(console.desk.approver + " rolled back", "Why: drawdown beyond limit");
    }

    @Test
    void theModelPageFollowsAPromotionWithoutBeingReloaded() {
        String production = inProduction("carry-live");
        String next = console.desk.ready("carry-live");
        console.signIn(console.desk.approverToken);
        console.open("/ui/models/carry-live");
        assertThat(split("Production")).startsWith(production);
        // A mark on this document: a reload would lose it, a live update keeps it.
        console.driver.executeScript("document.documentElement.dataset.sinceLoad = 'kept'");
        console.desk.promote("carry-live", next, 100);
        new WebDriverWait(console.driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> split("Production").startsWith(next));
        // The versions table and the timeline follow in the same answer.
        new WebDriverWait(console.driver, Duration.ofSeconds(5)).ignoring(StaleElementReferenceException.class)
                .until(driver -> status(next).equals("production") && status(production).equals("retired"));
        assertThat(history().get(0)).startsWith("Revision 2").contains(console.desk.approver + " promoted");
        assertThat(console.driver.executeScript("return document.documentElement.dataset.sinceLoad")).isEqualTo("kept");
        console.arrived();
    }

    @Test
    void aNonApproverSeesNoPromoteButtonAndTheirForgedPostIsRefused() {
        String version = console.desk.ready("carry-cmd");
        console.signIn(console.desk.registrantToken);
        console.open(versionPath("carry-cmd", version));
        assertThat(console.driver.findElements(REVIEW)).isEmpty();
        assertThat(console.driver.findElement(By.tagName("main")).getText()).contains("No promotion by you is possible");
        // The registrant posts the promotion anyway, with their own session's valid CSRF token.
        String csrf = console.csrfToken();
        console.submitScriptedForm(versionPath("carry-cmd", version) + "/promote", Map.of("csrf", csrf, "canary_pct", "100"));
        assertThat(console.heading()).isEqualTo(ErrorCode.NOT_APPROVER.title());
        TestRegistry.Response refused = console.postWithSession(versionPath("carry-cmd", version) + "/promote",
                "csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&canary_pct=100");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(deployment("carry-cmd").path("revision").asInt()).isZero();
    }

    @Test
    void aPromotionPostedWithoutTheCsrfTokenIsRefusedEvenForAnApprover() {
        String version = console.desk.ready("carry-em");
        console.signIn(console.desk.approverToken);
        console.open(versionPath("carry-em", version) + "/promote?canary_pct=100");
        console.submitScriptedForm(versionPath("carry-em", version) + "/promote", Map.of("canary_pct", "100"));
        assertThat(console.heading()).isEqualTo("Refused");
        assertThat(console.postWithSession(versionPath("carry-em", version) + "/promote", "canary_pct=100").status()).isEqualTo(403);
        assertThat(deployment("carry-em").path("revision").asInt()).isZero();
    }

    /** A new version of {@code model} promoted to production through the API; answers its model_id. */
    private String inProduction(String model) {
        String version = console.desk.ready(model);
        console.desk.promote(model, version, 100);
        return version;
    }

    /** A new version of {@code model} ready for promotion, its page open for the approver; answers its model_id. */
    private String openReadyVersionAsApprover(String model) {
        String version = console.desk.ready(model);
        console.signIn(console.desk.approverToken);
        console.open(versionPath(model, version));
        return version;
    }

    private static String versionPath(String model, String version) {
        return "/ui/models/" + model + "/versions/" + version;
    }

    private JsonNode deployment(String model) {
        return console.desk.call("GET", "/models/" + model + "/deployment", console.desk.approverToken, null, 200);
    }

    /** What the confirmation page says will change. */
    private List<String> changes() {
        return console.driver.findElements(By.xpath("//h2[.='What will change']/following-sibling::ul[1]/li")).stream()
                .map(WebElement::getText).toList();
    }

    /** A slot of the model page's deployment split, as shown. */
    private String split(String slot) {
        return console.driver.findElement(By.xpath("//h2[.='Deployment']/following-sibling::dl[1]/dt[.='" + slot
                + "']/following-sibling::dd[1]")).getText();
    }

    /** The status the model page's versions table shows for {@code version}. */
    private String status(String version) {
        return console.driver.findElement(By.xpath("//section[@id='versions']//tr[td/a[.='" + version + "']]/td[2]"))
                .getText();
    }

    /** The model page's deployment history, newest first. */
    private List<String> history() {
        return console.driver.findElements(By.cssSelector("ol.timeline li")).stream().map(WebElement::getText).toList();
    }
}
