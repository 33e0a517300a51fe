package dev.modelregistry.server.console;

import dev.modelregistry.server.console.ConsoleBrowser.Page;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace page of an ensemble's signal, and the audit page's filters shown back escaped and refused when not a time. */
abstract class ConsoleTraceAuditContractTest extends ConsoleTestSupport {
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

        String page = signedIn(fixture.registrantToken).get("/ui/trace?kind=signal&id=" + signal).body();

        assertThat(page).contains(">" + ensemble + "</a>").contains("<h3>Ensemble children</h3>")
                .contains("<li><a class=\"mono\" href=\"" + versionPath(childModel, child) + "\">" + child + "</a>\n(candidate, commit");
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
