package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.console.ConsoleBrowser.Page;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace page (a fill or a signal to its model version and deployment) and the audit page, from seeded data. */
abstract class ConsoleTraceAuditContractTest extends ConsoleTestSupport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Test
    void aFillIsTracedToItsSignalTheVersionsLineageAndTheDeploymentAtEmission() {
        String model = unique("traced");
        String id = fixture.ready(model);
        fixture.promote(model, id, 100);
        JsonNode version = registry.get("/models/" + model + "/versions/" + id, ADMIN).body();
        String signal = unique("sig");
        String fill = unique("fill");
        ingestTrade(signal, fill, id);

        Page page = signedIn(fixture.registrantToken).get("/ui/trace?id=" + fill);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h2>Fill</h2>").contains("\"px\" : 101.25")
                .contains("\"signal_id\" : \"" + signal + "\"").contains("\"side\" : \"buy\"")
                .contains(">" + id + "</a> (production)").contains(version.get("lineage_hash").asText())
                .contains(version.get("code_commit").asText()).contains("2018-01-01 to 2026-04-30")
                .contains("rep-" + id).contains("<span class=\"met\">pass</span>").contains(fixture.evaluator)
                .contains("<dt>Revision</dt><dd>1, since")
                .contains("<dt>This version's role</dt><dd>production</dd>");
        ConsolePagesContractTest.assertSecure("trace", page);
        Accessibility.check("/ui/trace", page.body());
    }

    @Test
    void aSignalIsTracedWithItsFills() {
        String model = unique("signalled");
        String id = fixture.ready(model);
        String signal = unique("sig");
        String fill = unique("fill");
        ingestTrade(signal, fill, id);

        Page page = signedIn(fixture.registrantToken).get("/ui/trace?id=" + signal);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<h2>Fill</h2>").contains("<h3>Its fills</h3>")
                .contains("\"fill_id\" : \"" + fill + "\"").contains(">" + id + "</a>")
                .contains("The model had never been deployed when the signal was emitted.");
    }

    @Test
    void anEnsemblesSignalShowsTheVersionsItConsumes() {
        String childModel = unique("leg");
        String child = fixture.candidate(childModel).get("model_id").asText();
        String ensembleModel = unique("basket");
        String body = "{\"code_commit\":\"" + Long.toHexString(System.nanoTime()) + "\",\"feature_graph_hash\":\"8b2e9f01\","
                + "\"owner\":\"" + fixture.team + "\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"parents\":[\"" + child + "\"]}";
        String ensemble = fixture.call("POST", "/models/" + ensembleModel + "/versions", fixture.registrantToken, body, 201)
                .get("model_id").asText();
        String signal = unique("sig");
        ingestTrade(signal, unique("fill"), ensemble);

        String page = signedIn(fixture.registrantToken).get("/ui/trace?id=" + signal).body();

        assertThat(page).contains(">" + ensemble + "</a> (candidate)").contains("<h3>Versions it consumes</h3>")
                .contains("<li><a class=\"mono\" href=\"" + versionPath(childModel, child) + "\">" + child + "</a> candidate");
    }

    @Test
    void anUnknownIdIsANotFoundPageWithTheIdEscaped() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        Page unknown = browser.get("/ui/trace?id=no-such-fill");
        Page hostile = browser.get("/ui/trace?id=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Page empty = browser.get("/ui/trace");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("text/html");
        assertThat(unknown.body()).contains("No fill or signal has the id no-such-fill.");
        assertThat(hostile.status()).isEqualTo(404);
        assertThat(hostile.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body()).contains("<label for=\"id\">Fill id or signal id</label>").doesNotContain("role=\"alert\"");
    }

    @Test
    void theAuditPageFiltersBySubjectActorActionAndTime() {
        String model = unique("audited");
        String id = fixture.ready(model);
        fixture.promote(model, id, 100);
        String subject = "model:" + model;
        ConsoleBrowser browser = signedIn(fixture.registrantToken);
        String now = LOCAL.format(clock.instant());

        String bySubject = browser.get(audit("subject=" + subject)).body();
        String promoted = browser.get(audit("subject=" + subject + "&action=deployment.promoted")).body();
        String byApprover = browser.get(audit("subject=" + subject + "&actor=" + fixture.approver)).body();
        String byRegistrant = browser.get(audit("subject=" + subject + "&actor=" + fixture.registrant)).body();
        String later = browser.get(audit("subject=" + subject + "&from=" + LOCAL.format(clock.instant().plusSeconds(3600)))).body();
        String earlier = browser.get(audit("subject=" + subject + "&to=" + LOCAL.format(clock.instant().minusSeconds(3600)))).body();
        String around = browser.get(audit("subject=" + subject + "&from=" + now.substring(0, 10) + "&action=deployment.promoted")).body();

        assertThat(bySubject).contains(">deployment.promoted</td>").contains(">model.created</td>");
        assertThat(promoted).contains(">deployment.promoted</td>").doesNotContain(">model.created</td>")
                .contains("\"production\"").contains(id);
        assertThat(byApprover).contains(">deployment.promoted</td>").doesNotContain(">model.created</td>");
        assertThat(byRegistrant).contains(">model.created</td>").doesNotContain(">deployment.promoted</td>");
        assertThat(later).contains("No entry matches.");
        assertThat(earlier).contains("No entry matches.");
        assertThat(around).contains(">deployment.promoted</td>");
    }

    @Test
    void theAuditPageIsPagedNewestFirstBelowTheLastSeqShown() {
        String name = unique("busy");
        String token = registry.principalWithToken(name, false);
        for (int i = 0; i <= AuditPage.PAGE_SIZE; i++) {
            signedIn(token);
        }
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        Page first = browser.get(audit("actor=" + name + "&action=console.signed_in"));
        Matcher next = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(first.body());
        assertThat(next.find()).as("a link to older entries").isTrue();
        Page second = browser.get(next.group(1).replace("&amp;", "&"));

        assertThat(rows(first.body())).isEqualTo(AuditPage.PAGE_SIZE);
        assertThat(rows(second.body())).isEqualTo(1);
        assertThat(second.body()).doesNotContain("rel=\"next\"");
        List<Long> seqs = Pattern.compile("<tr>\\s*<td>(\\d+)</td>").matcher(first.body()).results()
                .map(m -> Long.parseLong(m.group(1))).toList();
        assertThat(seqs).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void auditFiltersAreShownBackEscapedAndBadTimesAreRefused() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        Page hostile = browser.get(audit("actor=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
        Page badTime = browser.get(audit("from=yesterday"));

        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.body()).doesNotContain("<script>alert").contains("value=\"&#34;>&lt;script>alert(1)");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.body()).contains("from");
        Accessibility.check("/ui/audit", hostile.body());
    }

    @Test
    void theAuditPageShowsTheLatestCheckpointAndAdminsVerifyTheLog() {
        fixture.candidate(unique("checkpointed"));
        registry.server().auditIntegrator().integrateOnce();
        ConsoleBrowser admin = signedIn(ADMIN);
        ConsoleBrowser registrant = signedIn(fixture.registrantToken);

        String asAdmin = admin.get("/ui/audit").body();
        String asRegistrant = registrant.get("/ui/audit").body();
        Page verified = admin.get("/ui/audit/verify");

        assertThat(asAdmin).containsPattern("\\d+ entries signed into the tree").contains("model-registry/audit")
                .contains("href=\"/ui/audit/verify\"");
        assertThat(asRegistrant).containsPattern("\\d+ entries signed into the tree")
                .doesNotContain("href=\"/ui/audit/verify\"");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("<strong class=\"met\">Verified</strong>");
        assertThat(registrant.get("/ui/audit/verify").status()).isEqualTo(403);
    }

    private static long rows(String body) {
        return body.split(">console.signed_in</td>", -1).length - 1;
    }

    private static String audit(String query) {
        return "/ui/audit?" + query;
    }

    /** Ingests a signal of {@code modelId} emitted a minute ago and its fill, as the lineage writer would. */
    private void ingestTrade(String signal, String fill, String modelId) {
        clock.advance(Duration.ofMinutes(2));
        Instant emitted = clock.instant().minusSeconds(60);
        ingest("signals", "{\"signal_id\":\"" + signal + "\",\"model_id\":\"" + modelId + "\",\"emitted_at\":\""
                + emitted + "\",\"side\":\"buy\",\"qty\":100}");
        ingest("fills", "{\"fill_id\":\"" + fill + "\",\"signal_id\":\"" + signal + "\",\"executed_at\":\""
                + emitted.plusSeconds(1) + "\",\"px\":101.25}");
    }

    private void ingest(String kind, String line) {
        HttpRequest request = registry.request("/lineage/" + kind, ADMIN).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n")).build();
        String answer = TestRegistry.expect(200, registry.send(request)).text();
        assertThat(answer).as(kind).contains("\"status\":\"accepted\"");
    }
}
