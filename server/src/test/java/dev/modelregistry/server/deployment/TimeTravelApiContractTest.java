package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "What was in production at T": {@code GET /models/{name}/deployment?at=T} answers the split in force at T from the
 * history, with the digests of what it ran and no signed manifest; {@code GET /deployments?at=T} answers it for every
 * model deployed by then, a page of models at a time. Only the past can be asked about.
 */
abstract class TimeTravelApiContractTest extends DeployTestSupport {
    private static final AtomicInteger MODELS = new AtomicInteger();
    private String model;

    TimeTravelApiContractTest() {
        super("travel");
    }

    @BeforeEach
    void newModel() {
        model = "travel-model-" + MODELS.incrementAndGet();
    }

    /** What was in force after one revision: production and canary model_ids with their shares, "-" for none. */
    private record Split(String production, int productionPct, String canary, int canaryPct) {
    }

    @Test
    void aPromotionCanaryRollbackSequenceIsAnsweredAtEveryMoment() {
        String v1 = fixture.ready(model);
        String v2 = fixture.ready(model);
        String v3 = fixture.ready(model);
        Instant beforeAll = now();
        List<Split> splits = List.of(new Split(v1, 100, "-", 0), new Split(v1, 90, v2, 10), new Split(v2, 100, "-", 0),
                new Split(v1, 100, "-", 0), new Split(v1, 80, v3, 20), new Split(v1, 100, "-", 0));
        fixture.promote(model, v1, 100);
        fixture.promote(model, v2, 10);
        fixture.promote(model, v2, 100);
        rollback("drawdown");
        fixture.promote(model, v3, 20);
        rollback("canary errors");
        List<Instant> changedAt = changeTimes();
        assertThat(changedAt).hasSize(splits.size());

        assertNothingDeployed(at(beforeAll));
        for (int revision = 1; revision <= splits.size(); revision++) {
            Instant since = changedAt.get(revision - 1);
            JsonNode atChange = at(since);
            assertSplit(atChange, revision, splits.get(revision - 1));
            assertThat(Instant.parse(atChange.get("changed_at").asText())).isEqualTo(since);
            JsonNode justBefore = at(since.minus(1, ChronoUnit.MICROS));
            if (revision == 1) {
                assertNothingDeployed(justBefore);
            } else {
                assertSplit(justBefore, revision - 1, splits.get(revision - 2));
            }
        }
        assertSplit(at(now()), 6, splits.get(5));
    }

    @Test
    void theAnswerCarriesTheManifestEntriesButNoManifest() {
        String v1 = fixture.ready(model);
        fixture.promote(model, v1, 100);
        String v2 = fixture.ready(model);
        fixture.promote(model, v2, 25);

        JsonNode answer = at(now());

        assertThat(answer.has("manifest")).as("nothing a deploy guard could load").isFalse();
        assertThat(answer.get("at").asText()).isNotBlank();
        JsonNode entries = answer.get("entries");
        assertThat(entries).extracting(e -> e.get("role").asText() + " " + e.get("model_id").asText() + " "
                + e.get("pct").asInt()).containsExactly("production " + v1 + " 75", "canary " + v2 + " 25");
        JsonNode weights = entries.get(1).get("artifacts").get(0);
        assertThat(weights.get("path").asText()).isEqualTo("weights.bin");
        assertThat(weights.get("sha256").asText()).isEqualTo(sha256("weights of " + v2));
        assertThat(weights.get("size").asLong()).isEqualTo(("weights of " + v2).length());
        assertThat(entries.get(1).get("lineage_hash").asText()).isEqualTo(fixture.call("GET", "/models/" + model
                + "/versions/" + v2, fixture.registrantToken, null, 200).get("lineage_hash").asText());
    }

    @Test
    void theFutureAndMalformedMomentsAreRefused() {
        fixture.promote(model, fixture.ready(model), 100);
        String path = "/models/" + model + "/deployment?at=";

        assertInvalidAt(path + now().plus(1, ChronoUnit.HOURS), "future");
        assertInvalidAt(path + "yesterday", "RFC 3339");
        assertInvalidAt(path + "2026-05-15", "RFC 3339");
        assertInvalidAt(path + now() + "&wait=5s&after_revision=0", "waited for");
        HttpResponse<String> streamed = fixture.raw(HttpRequest.newBuilder(registry.baseUri().resolve(path + now()))
                .header("Authorization", "Bearer " + fixture.registrantToken).header("Accept", "text/event-stream")
                .GET().build());
        assertThat(streamed.statusCode()).isEqualTo(400);
        assertInvalidAt("/deployments?at=" + now().plus(1, ChronoUnit.DAYS), "future");
        fixture.call("GET", "/models/" + model + "-unknown/deployment?at=" + now(), fixture.registrantToken, null, 404);
        fixture.call("GET", "/deployments", null, null, 401);
    }

    @Test
    void everyModelDeployedByThenIsListedByNameAPageAtATime() {
        String book = model + "-book-";
        String a = book + "a";
        String b = book + "b";
        String c = book + "c";
        String d = book + "d";
        fixture.promote(a, fixture.ready(a), 100);
        String bVersion = fixture.ready(b);
        fixture.promote(c, fixture.ready(c), 100);
        Instant between = now();
        fixture.promote(b, bVersion, 100);
        fixture.ready(d);

        assertThat(book(between, book)).containsExactly(a + " 1", c + " 1");
        assertThat(book(null, book)).as("default: now").containsExactly(a + " 1", b + " 1", c + " 1");
        JsonNode firstPage = fixture.call("GET", "/deployments?limit=1&after=" + book, fixture.registrantToken, null,
                200);
        assertThat(firstPage.get("items")).extracting(i -> i.get("model").asText()).containsExactly(a);
        assertThat(firstPage.get("next").asText()).isEqualTo(a);
        assertThat(firstPage.get("at").asText()).isNotBlank();
        JsonNode item = firstPage.get("items").get(0);
        assertThat(item.get("entries").get(0).get("artifacts").get(0).get("sha256").asText()).hasSize(64);
        assertThat(item.has("manifest")).isFalse();
    }

    /** The models of the book (names starting with {@code prefix}) listed at {@code at}, as "name revision". */
    private List<String> book(Instant at, String prefix) {
        List<String> listed = new ArrayList<>();
        String after = prefix;
        while (after != null) {
            JsonNode page = fixture.call("GET", "/deployments?limit=2&after=" + after + (at == null ? "" : "&at=" + at),
                    fixture.registrantToken, null, 200);
            after = page.get("next").isNull() ? null : page.get("next").asText();
            for (JsonNode item : page.get("items")) {
                if (!item.get("model").asText().startsWith(prefix)) {
                    return listed;
                }
                listed.add(item.get("model").asText() + " " + item.get("revision").asLong());
            }
        }
        return listed;
    }

    private JsonNode at(Instant moment) {
        return fixture.call("GET", "/models/" + model + "/deployment?at=" + moment, fixture.registrantToken, null, 200);
    }

    private void assertSplit(JsonNode answer, int revision, Split split) {
        assertThat(answer.get("revision").asLong()).as(answer.toString()).isEqualTo(revision);
        assertThat(answer.get("production").get("model_id").asText()).isEqualTo(split.production());
        assertThat(answer.get("production").get("pct").asInt()).isEqualTo(split.productionPct());
        String canary = answer.get("canary").isNull() ? "-" : answer.get("canary").get("model_id").asText();
        assertThat(canary).isEqualTo(split.canary());
        assertThat(answer.get("entries")).extracting(e -> e.get("model_id").asText())
                .containsExactlyElementsOf(split.canary().equals("-") ? List.of(split.production())
                        : List.of(split.production(), split.canary()));
    }

    private static void assertNothingDeployed(JsonNode answer) {
        assertThat(answer.get("revision").asLong()).as(answer.toString()).isZero();
        assertThat(answer.get("production").isNull()).isTrue();
        assertThat(answer.get("canary").isNull()).isTrue();
        assertThat(answer.get("changed_at").isNull()).isTrue();
        assertThat(answer.get("entries")).isEmpty();
    }

    private void assertInvalidAt(String path, String why) {
        JsonNode problem = fixture.call("GET", path, fixture.registrantToken, null, 400);
        assertThat(problem.get("type").asText()).endsWith(":validation-failed");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("at");
        assertThat(problem.get("detail").asText()).contains(why);
    }

    private void rollback(String reason) {
        fixture.call("POST", "/models/" + model + "/deployment:rollback", fixture.approverToken,
                "{\"reason\":\"" + reason + "\"}", 200);
    }

    private List<Instant> changeTimes() {
        List<Instant> times = new ArrayList<>();
        fixture.call("GET", "/models/" + model + "/deployment/history", fixture.registrantToken, null, 200)
                .get("items").forEach(entry -> times.add(Instant.parse(entry.get("changed_at").asText())));
        return times;
    }

    /** Now, as the registry would record it; a moment already past by the time the request arrives. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
