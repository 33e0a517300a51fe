package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain metrics on {@code /metrics}: each count moves by exactly what the requests did (committed mutations
 * by audit action, refusals by rule, lineage events by outcome), watchers are counted while connected, and the
 * audit tree's lag is exposed.
 */
abstract class DomainMetricsContractTest extends DeployTestSupport {
    private static final String PROMOTED = "modelreg_mutations_total{action=\"deployment.promoted\"";
    private static final String ROLLED_BACK = "modelreg_mutations_total{action=\"deployment.rolled_back\"";
    private static final String REGISTERED = "modelreg_mutations_total{action=\"version.registered\"";
    private static final String NOT_APPROVER = "modelreg_refusals_total{rule=\"not_approver\"";

    DomainMetricsContractTest() {
        super("metrics");
    }

    @Test
    void registrationsPromotionsRollbacksAndRefusalsAreCountedOnceEach() {
        String model = fixture.prefix() + "-counted";
        String before = scrape();
        String production = fixture.ready(model);
        fixture.promote(model, production, 100);
        String canary = fixture.ready(model);
        fixture.promote(model, canary, 10);
        fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken,
                "{\"reason\":\"metrics test\"}", 200);
        // The registrant, who is not in the approver ACL, promoting: refused by that rule, nothing committed.
        HttpResponse<String> refused = fixture.promoteAs(registry.baseUri(), fixture.registrantToken, model, canary,
                fixture.promotionBody(fixture.registrant, 100));
        assertThat(refused.statusCode()).isEqualTo(403);

        String after = scrape();
        assertThat(value(after, REGISTERED) - value(before, REGISTERED)).isEqualTo(2);
        assertThat(value(after, PROMOTED) - value(before, PROMOTED)).isEqualTo(2);
        assertThat(value(after, ROLLED_BACK) - value(before, ROLLED_BACK)).isEqualTo(1);
        assertThat(value(after, NOT_APPROVER) - value(before, NOT_APPROVER)).isEqualTo(1);
    }

    @Test
    void lineageEventsAreCountedByKindAndOutcome() {
        String accepted = "modelreg_lineage_events_total{kind=\"fills\",outcome=\"accepted\"";
        String rejected = "modelreg_lineage_events_total{kind=\"fills\",outcome=\"rejected\"";
        String before = scrape();
        String fill = fixture.prefix() + "-fill-" + System.nanoTime();
        String lines = "{\"fill_id\":\"" + fill + "\",\"signal_id\":\"s1\",\"executed_at\":\"2026-01-01T00:00:01Z\","
                + "\"qty\":1}\nnot json\n{\"fill_id\":\"" + fill + "-2\",\"signal_id\":\"s1\","
                + "\"executed_at\":\"2026-01-01T00:00:02Z\",\"qty\":2}\n";
        HttpResponse<String> answer = fixture.raw(asAdmin("/lineage/fills")
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(lines)).build());
        assertThat(answer.statusCode()).isEqualTo(200);

        String after = scrape();
        assertThat(value(after, accepted) - value(before, accepted)).isEqualTo(2);
        assertThat(value(after, rejected) - value(before, rejected)).isEqualTo(1);
    }

    @Test
    void aWatcherIsCountedWhileItWaits() throws Exception {
        String model = fixture.prefix() + "-watched";
        String version = fixture.ready(model);
        double idle = value(scrape(), "modelreg_deployment_watchers");
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> fixture.raw(
                asAdmin("/models/" + model + "/deployment?wait=20s&after_revision=0").GET().build()));

        awaitWatchers(idle + 1);
        fixture.promote(model, version, 100);
        assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        awaitWatchers(idle);
    }

    @Test
    void theAuditTreesLagIsExposedInSeconds() {
        assertThat(scrape()).containsPattern("(?m)^modelreg_audit_integration_lag_seconds [0-9.eE+-]+$");
    }

    private void awaitWatchers(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value(scrape(), "modelreg_deployment_watchers") != expected) {
            assertThat(System.nanoTime()).as("watchers reach %s", expected).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String scrape() {
        return fixture.raw(asAdmin("/metrics").GET().build()).body();
    }

    private HttpRequest.Builder asAdmin(String path) {
        return HttpRequest.newBuilder(registry.baseUri().resolve(path))
                .header("Authorization", "Bearer " + TestRegistry.ADMIN_TOKEN);
    }

    /** The value of the first sample whose line starts with {@code series}; 0 when there is none yet. */
    private static double value(String scrape, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^ ]* ([0-9.eE+-]+)$").matcher(scrape);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
