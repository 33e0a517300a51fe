package dev.modelregistry.server.console;

import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's audit page: filters, entries with their detail, paging, the checkpoint, and verification for admins. */
abstract class ConsoleAuditContractTest extends ConsoleTestSupport {
    private static final Pattern OLDER = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");

    @Test
    void theAuditLogIsFilteredBySubjectActorActionAndTime() {
        String model = unique("audited");
        fixture.promote(model, fixture.ready(model), 100);
        fixture.promote(model, fixture.ready(model), 100);
        fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken,
                "{\"reason\":\"<img src=x onerror=alert(1)>\"}", 200);
        ConsoleBrowser browser = signedIn(fixture.registrantToken);
        String chain = "/ui/audit?subject=model:" + model;

        String all = browser.get(chain).body();
        String promoted = browser.get(chain + "&action=deployment.promoted").body();
        String byApprover = browser.get(chain + "&actor=" + fixture.approver).body();
        String later = browser.get(chain + "&from=" + localTime(Duration.ofHours(1))).body();
        String earlier = browser.get(chain + "&from=" + localTime(Duration.ofHours(-1)) + "&until="
                + localTime(Duration.ofHours(1))).body();

        assertThat(all).contains("version.registered").contains("version.sealed").contains("deployment.promoted")
                .contains("deployment.rolled_back").contains("deployment:" + model)
                .contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
        assertThat(all.indexOf("deployment.rolled_back")).as("newest first").isLessThan(all.indexOf("version.registered"));
        assertThat(promoted).contains("deployment.promoted").doesNotContain("version.registered")
                .doesNotContain("deployment.rolled_back");
        assertThat(byApprover).contains("deployment.promoted").doesNotContain("version.registered");
        assertThat(later).contains("No entry matches.");
        assertThat(earlier).contains("deployment.rolled_back");
        assertThat(browser.get(chain + "&from=yesterday").status()).isEqualTo(400);
        Accessibility.check("/ui/audit", all);
    }

    @Test
    void theAuditLogIsPagedToOlderEntries() {
        String prefix = unique("many");
        for (int i = 0; i <= AuditPage.PAGE_SIZE; i++) {
            fixture.call("POST", "/models", fixture.registrantToken,
                    "{\"name\":\"" + prefix + "-" + i + "\",\"owner\":\"" + fixture.team + "\"}", 201);
        }
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        Page first = browser.get("/ui/audit?action=model.created&actor=" + fixture.registrant);
        Matcher older = OLDER.matcher(first.body());
        assertThat(older.find()).as("a link to older entries").isTrue();
        String second = browser.get(older.group(1).replace("&amp;", "&")).body();

        assertThat(first.body()).contains("model:" + prefix + "-" + AuditPage.PAGE_SIZE)
                .doesNotContain("model:" + prefix + "-0<");
        assertThat(second).contains("model:" + prefix + "-0<").doesNotContain("rel=\"next\"");
    }

    @Test
    void onlyAnAdminVerifiesTheWholeLog() {
        ConsoleBrowser admin = signedIn(ADMIN);
        ConsoleBrowser registrant = signedIn(fixture.registrantToken);

        Page verified = admin.get("/ui/audit/verify");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body()).contains("The log verifies:");
        assertThat(admin.get("/ui/audit").body()).contains("Verify the whole log now");
        assertThat(registrant.get("/ui/audit").body()).doesNotContain("Verify the whole log now");
        assertThat(registrant.get("/ui/audit/verify").status()).isEqualTo(403);
    }

    @Test
    void theLatestSignedCheckpointIsShown() {
        registry.server().auditIntegrator().integrateOnce();

        String page = signedIn(fixture.registrantToken).get("/ui/audit").body();

        assertThat(page).contains("Latest signed checkpoint").contains("model-registry/audit");
    }

    /** The server's time moved by {@code offset}, as a datetime-local field sends it. */
    private String localTime(Duration offset) {
        return LocalDateTime.ofInstant(clock.instant().plus(offset).truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC)
                .toString();
    }
}
