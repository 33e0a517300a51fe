package dev.modelregistry.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpRequest;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Which model made this trade": a fill or a signal id pasted into the trace page leads to the signal, the model
 * version and the deployment as it was when the signal was emitted — not as it is now — as the lineage API says.
 */
@ExtendWith(ConsoleExtension.class)
class BrowserTraceTest {
    private static final String MODEL = "trend-jp";
    private static final String SIGNAL = "sig-trend-jp-1";
    private static final String FILL = "fill-trend-jp-1";
    private static String emitting;
    private static String promotedLater;

    private final Console console;

    BrowserTraceTest(Console console) {
        this.console = console;
    }

    @BeforeAll
    static void seed(Console console) throws InterruptedException {
        emitting = console.desk.ready(MODEL);
        console.desk.promote(MODEL, emitting, 100);
        Thread.sleep(20);
        Instant emittedAt = Instant.now();
        ingest(console, "signals", "{\"signal_id\":\"" + SIGNAL + "\",\"model_id\":\"" + emitting + "\",\"emitted_at\":\""
                + emittedAt + "\",\"side\":\"buy\",\"qty\":100}");
        ingest(console, "fills", "{\"fill_id\":\"" + FILL + "\",\"signal_id\":\"" + SIGNAL + "\",\"executed_at\":\""
                + emittedAt.plusMillis(5) + "\",\"px\":101.25}");
        Thread.sleep(20);
        // After the signal, another version took production: the trace must show the one that was there.
        promotedLater = console.desk.ready(MODEL);
        console.desk.promote(MODEL, promotedLater, 100);
    }

    @Test
    void aFillIsTracedToItsSignalVersionAndTheDeploymentWhenTheSignalWasEmitted() {
        console.signIn(console.desk.registrantToken);
        console.open("/ui/trace");
        new Select(console.driver.findElement(By.name("kind"))).selectByValue("fill");
        console.type("id", FILL);
        console.click(By.xpath("//button[normalize-space()='Trace']"));
        JsonNode lineage = console.desk.call("GET", "/lineage/fills/" + FILL, console.desk.registrantToken, null, 200);
        String main = console.driver.findElement(By.tagName("main")).getText();
        assertThat(main).contains(SIGNAL, lineage.at("/version/lineage_hash").asText());
        assertThat(fact("This version was")).isEqualTo(lineage.at("/deployment_at_emission/role").asText());
        assertThat(fact("Production")).isEqualTo(lineage.at("/deployment_at_emission/production/model_id").asText())
                .isEqualTo(emitting).isNotEqualTo(promotedLater);
        console.click(By.linkText(emitting));
        assertThat(console.heading()).isEqualTo(emitting);
    }

    @Test
    void aSignalIsTracedWithItsFills() {
        console.signIn(console.desk.registrantToken);
        console.open("/ui/trace?kind=signal&id=" + SIGNAL);
        assertThat(console.driver.findElement(By.xpath("//h2[.='Its fills']/following-sibling::pre[1]")).getText())
                .contains(FILL);
        assertThat(fact("Production")).isEqualTo(emitting);
    }

    @Test
    void anUnknownFillIsSaidSoWithA404() {
        console.signIn(console.desk.registrantToken);
        console.open("/ui/trace?kind=fill&id=no-such-fill");
        assertThat(console.driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("no-such-fill");
        assertThat(console.getWithSession("/ui/trace?kind=fill&id=no-such-fill").status()).isEqualTo(404);
    }

    /** A fact of the "deployment when the signal was emitted" list. */
    private String fact(String term) {
        return console.driver.findElement(By.xpath("//h2[.='Deployment when the signal was emitted']"
                + "/following-sibling::dl[1]/dt[.='" + term + "']/following-sibling::dd[1]")).getText();
    }

    private static void ingest(Console console, String kind, String line) {
        HttpRequest request = console.registry.request("/lineage/" + kind, TestRegistry.ADMIN_TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n")).build();
        TestRegistry.Response response = TestRegistry.expect(200, console.registry.send(request));
        assertThat(response.text()).contains("\"accepted\"");
    }
}
