package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's read pages, rendered from a model seeded through the API: what a person comes to each page for. */
abstract class ConsolePagesContractTest extends ConsoleTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");

    @Test
    void theModelListShowsWhatIsInProductionAndCanary() {
        String model = unique("listed");
        String production = fixture.ready(model);
        fixture.promote(model, production, 100);
        String canary = fixture.ready(model);
        fixture.promote(model, canary, 10);

        Page page = signedIn(fixture.approverToken).get("/ui/models?q=" + model);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Models</h1>").contains(">" + model + "</a>").contains(fixture.team)
                .contains(">" + production + "</a> at 90%").contains(">" + canary + "</a> at 10%");
    }

    @Test
    void theModelListSearchesByNameOwnerTeamAndHealth() {
        String prefix = unique("searched");
        String owned = prefix + "-owned";
        String orphan = prefix + "-orphan";
        String emptyTeam = unique("nobody");
        createModel(owned, fixture.team, fixture.registrantToken);
        registry.team(emptyTeam);
        createModel(orphan, emptyTeam, ADMIN);
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        String byName = browser.get("/ui/models?q=" + prefix).body();
        String byOwner = browser.get("/ui/models?q=" + prefix + "&owner=" + emptyTeam).body();
        String byHealth = browser.get("/ui/models?q=" + prefix + "&health=orphan").body();
        String healthy = browser.get("/ui/models?q=" + prefix + "&health=ok").body();

        assertThat(byName).contains(">" + owned + "</a>").contains(">" + orphan + "</a>");
        assertThat(byOwner).contains(">" + orphan + "</a>").doesNotContain(">" + owned + "</a>");
        assertThat(byHealth).contains(">" + orphan + "</a>").doesNotContain(">" + owned + "</a>");
        assertThat(healthy).contains(">" + owned + "</a>").doesNotContain(">" + orphan + "</a>");
        assertThat(browser.get("/ui/models?health=sleepy").status()).isEqualTo(400);
    }

    @Test
    void theModelListSearchesByALabelSomeVersionCarries() {
        String prefix = unique("labelled");
        String fx = prefix + "-fx";
        String eq = prefix + "-eq";
        for (String[] model : new String[][]{{fx, "fx"}, {eq, "eq"}}) {
            ObjectNode body = registration();
            body.putObject("labels").put("desk", model[1]).put("note", "desk\":\"fx");
            fixture.call("POST", "/models/" + model[0] + "/versions", fixture.registrantToken, body.toString(), 201);
        }
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        String byValue = browser.get("/ui/models?q=" + prefix + "&label=desk%3Dfx").body();
        String byKey = browser.get("/ui/models?q=" + prefix + "&label=desk").body();
        String none = browser.get("/ui/models?q=" + prefix + "&label=desk%3Dcommodities").body();

        assertThat(byValue).contains(">" + fx + "</a>").as("a value that only contains the text matches nothing")
                .doesNotContain(">" + eq + "</a>");
        assertThat(byKey).contains(">" + fx + "</a>").contains(">" + eq + "</a>");
        assertThat(none).doesNotContain(">" + fx + "</a>").doesNotContain(">" + eq + "</a>").contains("No model matches");
        assertThat(browser.get("/ui/models?label=%3Dfx").status()).isEqualTo(400);
    }

    @Test
    void theModelListIsPagedAfterTheLastNameShown() {
        String prefix = unique("paged");
        for (int i = 0; i <= ModelListPage.PAGE_SIZE; i++) {
            createModel(String.format("%s-%03d", prefix, i), fixture.team, fixture.registrantToken);
        }
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        Page first = browser.get("/ui/models?q=" + prefix);
        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).as("a next link").isTrue();
        Page second = browser.get(next.group(1).replace("&amp;", "&"));

        assertThat(rowsOf(first.body(), prefix)).isEqualTo(ModelListPage.PAGE_SIZE);
        assertThat(first.body()).doesNotContain(String.format("%s-%03d", prefix, ModelListPage.PAGE_SIZE));
        assertThat(rowsOf(second.body(), prefix)).isEqualTo(1);
        assertThat(second.body()).contains(String.format(">%s-%03d</a>", prefix, ModelListPage.PAGE_SIZE))
                .doesNotContain("rel=\"next\"");
    }

    @Test
    void theModelPageShowsVersionsSplitHealthAndTheTimeline() {
        String model = unique("timeline");
        String first = fixture.ready(model);
        fixture.promote(model, first, 100);
        String second = fixture.ready(model);
        fixture.promote(model, second, 100);
        String untested = fixture.candidate(model).get("model_id").asText();
        fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken,
                "{\"reason\":\"drawdown <b>beyond</b> limit\"}", 200);

        Page page = signedIn(fixture.approverToken).get("/ui/models/" + model);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>" + model + "</h1>").contains(fixture.team)
                .contains("<span class=\"state-ok\">ok</span>").contains("Expires (no promotion after)")
                .contains(">" + first + "</a> at 100%")
                .containsPattern(Pattern.quote(second + "</a></td>") + "\\s*<td>rolled_back")
                .containsPattern(Pattern.quote(untested + "</a></td>") + "\\s*<td>candidate <span class=\"muted\">\\(not sealed\\)")
                .contains("<td>" + fixture.registrant + "</td>")
                .contains("<span class=\"met\">pass</span>")
                .contains("Revision 3</strong>").contains(fixture.approver + " rolled back.")
                .contains("Why:</span> drawdown &lt;b&gt;beyond&lt;/b&gt; limit")
                .contains(fixture.approver + " promoted.");
        assertThat(page.body().indexOf("Revision 3")).as("newest first").isLessThan(page.body().indexOf("Revision 1"));
    }

    @Test
    void theVersionPageShowsLineageEvaluationsArtifactsAndTheChecklist() {
        String model = unique("version");
        String id = fixture.ready(model);
        JsonNode version = registry.get("/models/" + model + "/versions/" + id, ADMIN).body();

        String asApprover = signedIn(fixture.approverToken).get(versionPath(model, id)).body();
        String asRegistrant = signedIn(fixture.registrantToken).get(versionPath(model, id)).body();

        assertThat(asApprover).contains("<h1 class=\"mono\">" + id + "</h1>")
                .contains(version.get("lineage_hash").asText()).contains(version.get("code_commit").asText())
                .contains("8b2e9f01").contains("2018-01-01 to 2026-04-30")
                .contains("rep-" + id).contains(fixture.evaluator).contains(prefix + "-k1")
                .contains("\"rank_ic\" : 0.07")
                .contains(">weights.bin</a>").contains("(" + ("weights of " + id).length() + " bytes)")
                .contains(sha256("weights of " + id))
                .contains("<strong class=\"met\">all met</strong>");
        assertThat(asRegistrant).contains("<strong class=\"unmet\">not all met</strong>")
                .contains("<strong>Unmet:</strong> You are in the approver ACL")
                .contains("<strong>Unmet:</strong> You did not register this version (four eyes)")
                .contains("<strong>Met:</strong> The version is sealed");
    }

    @Test
    void anArtifactDownloadsThroughTheSession() {
        String model = unique("download");
        String id = fixture.ready(model);
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        Page file = browser.get(versionPath(model, id) + "/artifacts/weights.bin");

        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("weights of " + id);
        assertThat(file.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(file.header("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''weights.bin");
        assertThat(browser().get(versionPath(model, id) + "/artifacts/weights.bin").status()).as("no session")
                .isEqualTo(303);
        assertThat(browser.get(versionPath(model, id) + "/artifacts/other.bin").status()).isEqualTo(404);
    }

    @Test
    void theEnsembleGraphIsDrawnBothWays() {
        String childModel = unique("child");
        String child = fixture.candidate(childModel).get("model_id").asText();
        String ensembleModel = unique("ensemble");
        ObjectNode body = registration();
        body.putArray("parents").add(child);
        String ensemble = fixture.call("POST", "/models/" + ensembleModel + "/versions", fixture.registrantToken,
                body.toString(), 201).get("model_id").asText();
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        String ensemblePage = browser.get(versionPath(ensembleModel, ensemble)).body();
        String childPage = browser.get(versionPath(childModel, child)).body();

        assertThat(svg(ensemblePage, "Versions " + ensemble + " consumes")).contains(">" + child + "</text>")
                .contains("<line ").contains("href=\"" + versionPath(childModel, child) + "\"");
        assertThat(ensemblePage).contains("Ensembles that consume " + ensemble + ": none.");
        assertThat(svg(childPage, "Ensembles that consume " + child)).contains(">" + ensemble + "</text>");
    }

    @Test
    void aFillTracesToItsSignalTheModelVersionAndTheDeploymentAtEmission() {
        String model = unique("traced");
        String id = fixture.ready(model);
        fixture.promote(model, id, 100);
        String signal = unique("sig");
        String fill = unique("fill");
        ingest("signals", "{\"signal_id\":\"" + signal + "\",\"model_id\":\"" + id + "\",\"emitted_at\":\""
                + java.time.Instant.now() + "\",\"side\":\"buy\"}");
        ingest("fills", "{\"fill_id\":\"" + fill + "\",\"signal_id\":\"" + signal + "\",\"executed_at\":\""
                + java.time.Instant.now() + "\",\"px\":101.25}");
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        Page byFill = browser.get("/ui/trace?kind=fill&id=" + fill);
        String bySignal = browser.get("/ui/trace?kind=signal&id=" + signal).body();
        Page unknown = browser.get("/ui/trace?kind=fill&id=%3Cscript%3Enope");

        assertThat(byFill.status()).isEqualTo(200);
        assertThat(byFill.body()).contains("<h2>Fill</h2>").contains("101.25").contains(signal)
                .contains(">" + id + "</a>, owned by " + fixture.team).contains("rep-" + id)
                .contains("<dt>This version was</dt><dd>production</dd>");
        assertThat(bySignal).contains("<h2>Its fills</h2>").contains(fill).contains(">" + id + "</a>");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("No fill has the id &lt;script&gt;nope.").doesNotContain("<script>nope");
        Accessibility.check("/ui/trace", byFill.body());
    }

    @Test
    void hostileLabelsHyperparamsAndSearchTextAreEscaped() {
        String model = unique("hostile");
        ObjectNode body = registration();
        body.putObject("labels").put("note", "<script>alert(1)</script>");
        body.putObject("hyperparams").put("<img src=x onerror=alert(2)>", 1);
        String id = fixture.call("POST", "/models/" + model + "/versions", fixture.registrantToken, body.toString(), 201)
                .get("model_id").asText();
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        String page = browser.get(versionPath(model, id)).body();
        String search = browser.get("/ui/models?q=%22%3E%3Cscript%3Ealert(3)%3C/script%3E").body();

        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                .contains("&lt;img src=x onerror=alert(2)&gt;").doesNotContain("<img");
        assertThat(search).doesNotContain("<script>alert").contains("value=\"&#34;>&lt;script>alert(3)&lt;/script>\"");
    }

    @Test
    void anUnknownModelOrVersionIsANotFoundPage() {
        String model = unique("known");
        String id = fixture.candidate(model).get("model_id").asText();
        ConsoleBrowser browser = signedIn(fixture.approverToken);

        Page unknownModel = browser.get("/ui/models/no-such-model");
        Page hostileName = browser.get("/ui/models/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Page unknownVersion = browser.get("/ui/models/" + model + "/versions/" + id.replace("-r1", "-r9"));

        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.header("Content-Type")).startsWith("text/html");
        assertThat(unknownModel.body()).contains("model no-such-model does not exist");
        assertThat(hostileName.status()).isEqualTo(404);
        assertThat(hostileName.body()).doesNotContain("<script>alert");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(browser.get("/ui/no-such-page").status()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoInlineScriptOrStyle() {
        String model = unique("headers");
        String id = fixture.ready(model);
        ConsoleBrowser browser = signedIn(fixture.approverToken);
        String[] paths = {"/ui/sign-in", "/ui", "/ui/models", "/ui/models/" + model, versionPath(model, id),
                versionPath(model, id) + "/artifacts/weights.bin", "/ui/models/no-such-model", "/ui/assets/console.css",
                "/ui/assets/htmx.min.js"};
        for (String path : paths) {
            assertSecure(path, browser.get(path));
        }
        assertSecure("refused form", browser.post("/ui/sign-out", java.util.Map.of()));
        assertSecure("failed sign-in", browser().signIn("wrong"));
    }

    @Test
    void pagesHaveLabelledControlsAndHeadingsInOrder() {
        String model = unique("accessible");
        String id = fixture.ready(model);
        ConsoleBrowser browser = signedIn(fixture.approverToken);
        for (String path : new String[]{"/ui/models", "/ui/models/" + model, versionPath(model, id)}) {
            Accessibility.check(path, browser.get(path).body());
        }
        Accessibility.check("/ui/sign-in", browser().get("/ui/sign-in").body());
    }

    static void assertSecure(String what, Page page) {
        assertThat(page.header("Content-Security-Policy")).as(what).isEqualTo(ConsoleApp.CONTENT_SECURITY_POLICY);
        assertThat(page.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
        if (page.header("Content-Type") != null && page.header("Content-Type").startsWith("text/html")) {
            assertThat(page.body()).as(what).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                    .doesNotContain(" style=").doesNotContain("<style");
        }
    }

    private void ingest(String kind, String line) {
        assertThat(fixture.raw(java.net.http.HttpRequest.newBuilder(registry.baseUri().resolve("/lineage/" + kind))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(line + "\n")).build()).statusCode()).isEqualTo(200);
    }

    private void createModel(String name, String owner, String token) {
        fixture.call("POST", "/models", token, "{\"name\":\"" + name + "\",\"owner\":\"" + owner + "\"}", 201);
    }

    private ObjectNode registration() {
        ObjectNode body = JSON.createObjectNode().put("code_commit", Long.toHexString(System.nanoTime()))
                .put("feature_graph_hash", "8b2e9f01").put("owner", fixture.team);
        body.putArray("data_window").add("2018-01-01").add("2026-04-30");
        return body;
    }


    private static int rowsOf(String body, String prefix) {
        return (int) Pattern.compile("<td><a href=\"/ui/models/" + Pattern.quote(prefix)).matcher(body).results().count();
    }

    private static String svg(String page, String label) {
        int start = page.indexOf("<svg class=\"dag\" role=\"img\" aria-label=\"" + label + "\"");
        assertThat(start).as("an SVG labelled " + label).isNotNegative();
        return page.substring(start, page.indexOf("</svg>", start));
    }

    private static String sha256(String text) {
        return dev.modelregistry.core.identity.CanonicalJson.sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
