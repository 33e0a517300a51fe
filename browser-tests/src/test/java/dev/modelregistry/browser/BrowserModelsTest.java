package dev.modelregistry.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding a model and reading it as an approver would: the search, the model's versions, split and history, and a
 * version's lineage, artifacts and promotion checklist, each compared with what the JSON API says of the same data.
 */
@ExtendWith(ConsoleExtension.class)
class BrowserModelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "xsmom-eu";
    private static final String OTHER = "meanrev-us";
    private static final String ENSEMBLE = "momentum-blend";
    private static String production;
    private static String canary;
    private static String ready;
    private static JsonNode candidate;
    private static String ensemble;

    private final Console console;

    BrowserModelsTest(Console console) {
        this.console = console;
    }

    @BeforeAll
    static void seed(Console console) {
        production = console.desk.ready(MODEL);
        console.desk.promote(MODEL, production, 100);
        canary = console.desk.ready(MODEL);
        console.desk.promote(MODEL, canary, 10);
        ready = console.desk.ready(MODEL);
        candidate = console.desk.candidate(MODEL);
        console.desk.candidate(OTHER);
        ObjectNode blend = JSON.createObjectNode().put("code_commit", "b1e0d00").put("feature_graph_hash", "8b2e9f01")
                .put("owner", console.desk.team);
        blend.putArray("data_window").add("2018-01-01").add("2026-04-30");
        blend.putArray("parents").add(production);
        ensemble = console.desk.call("POST", "/models/" + ENSEMBLE + "/versions", console.desk.registrantToken,
                blend.toString(), 201).get("model_id").asText();
    }

    @Test
    void searchFindsAModelByPartOfItsNameWithWhatIsInProductionAndCanary() {
        console.signIn(console.desk.approverToken);
        console.type("q", "xsmom");
        console.click(By.xpath("//button[normalize-space()='Search']"));
        assertThat(console.path()).startsWith("/ui/models?").contains("q=xsmom");
        List<Map<String, String>> rows = console.table(By.tagName("table"));
        assertThat(rows).extracting(row -> row.get("Model")).containsExactly(MODEL);
        assertThat(rows.get(0).get("Production")).isEqualTo(production + " at 90%");
        assertThat(rows.get(0).get("Canary")).isEqualTo(canary + " at 10%");
        assertThat(rows.get(0).get("Owner team")).isEqualTo(console.desk.team);
    }

    @Test
    void aModelShowsItsVersionsItsSplitAndWhoPromotedWhat() {
        console.signIn(console.desk.approverToken);
        console.type("q", MODEL);
        console.click(By.xpath("//button[normalize-space()='Search']"));
        console.follow(MODEL);
        assertThat(console.path()).isEqualTo("/ui/models/" + MODEL);
        assertThat(console.heading()).isEqualTo(MODEL);
        assertThat(console.table(By.tagName("table"))).extracting(row -> row.get("model_id"))
                .containsExactlyInAnyOrder(production, canary, ready, candidate.get("model_id").asText());
        List<String> history = console.driver.findElements(By.cssSelector("ol.timeline li")).stream()
                .map(WebElement::getText).toList();
        assertThat(history).hasSize(2).allSatisfy(entry -> assertThat(entry).contains(console.desk.approver + " promoted"));
        assertThat(String.join("\n", history)).contains("canary " + canary + " at 10%");
    }

    @Test
    void aVersionThatIsNotReadyShowsEveryUnmetGateAsTheApiReportsIt() {
        String id = candidate.get("model_id").asText();
        console.signIn(console.desk.approverToken);
        console.open("/ui/models/" + MODEL);
        console.click(By.linkText(id));
        assertThat(console.heading()).isEqualTo(id);
        assertThat(checklist()).isEqualTo(apiChecklist(id, console.desk.approverToken))
                .containsEntry(id + " is not sealed", false);
        assertThat(console.driver.findElement(By.cssSelector("h2 + p strong")).getText()).isEqualTo("not all met");
    }

    @Test
    void aReadyVersionShowsEveryGateMetWithItsLineageReportAndArtifacts() {
        console.signIn(console.desk.approverToken);
        console.open("/ui/models/" + MODEL + "/versions/" + ready);
        assertThat(checklist()).isEqualTo(apiChecklist(ready, console.desk.approverToken)).doesNotContainValue(false);
        JsonNode version = console.desk.call("GET", "/models/" + MODEL + "/versions/" + ready, console.desk.approverToken,
                null, 200);
        String page = console.driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains(version.get("lineage_hash").asText(), version.get("code_commit").asText(),
                "rep-" + ready);
        List<Map<String, String>> artifacts = console.table(By.xpath("//h2[.='Artifacts']/following-sibling::table[1]"));
        assertThat(artifacts).singleElement().satisfies(artifact -> {
            assertThat(artifact.get("Path")).isEqualTo("weights.bin");
            assertThat(artifact.get("SHA-256")).isEqualTo(sha256("weights of " + ready));
        });
    }

    @Test
    void aNonApproverSeesWhichGatesTheyWouldFailThemselves() {
        console.signIn(console.desk.registrantToken);
        console.open("/ui/models/" + MODEL + "/versions/" + ready);
        assertThat(checklist()).isEqualTo(apiChecklist(ready, console.desk.registrantToken))
                .containsEntry(console.desk.registrant + " is not in the approver ACL", false);
    }

    @Test
    void anEnsembleDrawsWhatItConsumesAndWhoConsumesAVersionAsLabelledLinkedSvg() {
        console.signIn(console.desk.approverToken);
        console.open("/ui/models/" + ENSEMBLE + "/versions/" + ensemble);
        WebElement consumes = console.driver.findElement(By.cssSelector("svg.dag"));
        assertThat(consumes.getDomAttribute("aria-label")).isEqualTo("Versions " + ensemble + " consumes");
        assertThat(consumes.getText()).contains(production);
        // From the ensemble along its edge to the version it consumes, and back the other way.
        console.click(By.xpath("//*[local-name()='svg']//*[local-name()='a'][contains(., '" + production + "')]"));
        assertThat(console.heading()).isEqualTo(production);
        WebElement consumedBy = console.driver.findElement(By.cssSelector("svg.dag"));
        assertThat(consumedBy.getDomAttribute("aria-label")).isEqualTo("Ensembles that consume " + production);
        assertThat(consumedBy.getText()).contains(ensemble);
    }

    @Test
    void anUnknownModelIsAnHtmlNotFoundPage() {
        console.signIn(console.desk.approverToken);
        console.open("/ui/models/no-such-model");
        assertThat(console.heading()).isEqualTo(ErrorCode.NOT_FOUND.title());
        assertThat(console.getWithSession("/ui/models/no-such-model").status()).isEqualTo(404);
    }

    /** The checklist on the page: each gate's detail → met. */
    private Map<String, Boolean> checklist() {
        Map<String, Boolean> items = new LinkedHashMap<>();
        for (WebElement item : console.driver.findElements(By.cssSelector("ul.checklist li"))) {
            String text = item.getText();
            items.put(text.substring(text.indexOf(" — ") + 3), item.getDomAttribute("class").equals("met"));
        }
        return items;
    }

    /** What the JSON API's promotion readiness says for this caller, in the same shape. */
    private Map<String, Boolean> apiChecklist(String modelId, String token) {
        JsonNode checks = console.desk.call("GET", "/models/" + MODEL + "/versions/" + modelId
                + "/promotion-readiness", token, null, 200);
        Map<String, Boolean> items = new LinkedHashMap<>();
        checks.get("checks").forEach(check -> items.put(check.get("detail").asText(), check.get("met").asBoolean()));
        return items;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
