package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** NDJSON ingest of signals and fills: per-line results for every case in the issue, on each database. */
abstract class IngestApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();
    static TestRegistry registry;
    static String version;

    static void setUp(TestRegistry started) {
        registry = started;
        TestRegistry.expect(201, registry.post("/teams", TestRegistry.ADMIN_TOKEN, "{\"name\":\"desk\"}"));
        version = TestRegistry.expect(201, registry.post("/models/alpha/versions", TestRegistry.ADMIN_TOKEN,
                "{\"code_commit\":\"a13fce0\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\"desk\"}"))
                .body().get("model_id").asText();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void eachLineGetsItsResultInOrder() throws Exception {
        String s1 = id("s");
        String s2 = id("s");
        String body = String.join("\n",
                signal(s1, "2026-05-15T09:30:00.123Z", "\"side\":\"buy\""),
                signal(s2, "2026-05-15T09:30:01Z", "\"side\":\"sell\""),
                signal(s1, "2026-05-15T09:30:00.123Z", "\"side\":\"buy\""),
                signal(s2, "2026-05-15T09:30:01Z", "\"side\":\"buy\""),
                "{not json",
                "") + "\n";
        List<JsonNode> results = ingest("signals", body);
        assertThat(results).extracting(r -> r.get("line").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(statuses(results)).containsExactly("accepted", "accepted", "duplicate", "conflict", "rejected");
        assertThat(results.get(3).get("error").asText()).contains("other content");
        assertThat(results.get(4).get("id").isNull()).isTrue();
        assertThat(storedSignal(s2)).contains("\"side\":\"sell\"");
    }

    @Test
    void anIdenticalResendIsANoOp() throws Exception {
        String body = signal(id("s"), "2026-01-01T00:00:00Z", "\"qty\":1") + "\n" + signal(id("s"), "2026-01-01T00:00:01Z", "\"qty\":2");
        assertThat(statuses(ingest("signals", body))).containsOnly("accepted");
        assertThat(statuses(ingest("signals", body))).containsOnly("duplicate");
    }

    @Test
    void keyOrderDoesNotMakeADifferentEvent() throws Exception {
        String id = id("s");
        ingest("signals", "{\"signal_id\":\"" + id + "\",\"model_id\":\"" + version + "\",\"emitted_at\":\"2026-01-01T00:00:00Z\",\"a\":1,\"b\":2}");
        List<JsonNode> again = ingest("signals", "{\"b\":2,\"a\":1,\"emitted_at\":\"2026-01-01T00:00:00Z\",\"model_id\":\"" + version + "\",\"signal_id\":\"" + id + "\"}");
        assertThat(statuses(again)).containsExactly("duplicate");
    }

    @Test
    void aMalformedLineAmidGoodOnesLosesNothingValid() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(i == 17 ? "[\"an array\"]" : signal(id("s"), "2026-02-01T00:00:" + String.format("%02d", i) + "Z", "\"n\":" + i));
        }
        List<JsonNode> results = ingest("signals", String.join("\n", lines));
        assertThat(results).hasSize(30);
        assertThat(results.get(17).get("status").asText()).isEqualTo("rejected");
        assertThat(statuses(results).stream().filter("accepted"::equals)).hasSize(29);
    }

    @Test
    void anUnknownModelIsRejected() throws Exception {
        List<JsonNode> results = ingest("signals", "{\"signal_id\":\"" + id("s") + "\",\"model_id\":\"ghost@2026.01.01-r1\",\"emitted_at\":\"2026-01-01T00:00:00Z\"}");
        assertThat(statuses(results)).containsExactly("rejected");
        assertThat(results.get(0).get("error").asText()).contains("unknown model_id");
    }

    @Test
    void oversizedIdsAndLinesAreRejected() throws Exception {
        String longId = "s".repeat(129);
        String hugeLine = signal(id("s"), "2026-01-01T00:00:00Z", "\"pad\":\"" + "x".repeat(70_000) + "\"");
        List<JsonNode> results = ingest("signals", signal(longId, "2026-01-01T00:00:00Z", "\"a\":1") + "\n" + hugeLine + "\n"
                + signal(id("s"), "2026-01-01T00:00:00Z", "\"ok\":true"));
        assertThat(statuses(results)).containsExactly("rejected", "rejected", "accepted");
        assertThat(results.get(1).get("error").asText()).contains("longer than");
    }

    @Test
    void aDeeplyNestedLineIsRejectedNamingItsField() throws Exception {
        String deep = "[".repeat(100) + "]".repeat(100);
        List<JsonNode> results = ingest("signals", signal(id("s"), "2026-01-01T00:00:00Z", "\"features\":" + deep) + "\n"
                + signal(id("s"), "2026-01-01T00:00:00Z", "\"ok\":true"));
        assertThat(statuses(results)).containsExactly("rejected", "accepted");
        assertThat(results.get(0).get("error").asText()).startsWith("features ").contains("64 levels");
    }

    @Test
    void badTimestampsAreRejected() throws Exception {
        List<JsonNode> results = ingest("signals", String.join("\n",
                signal(id("s"), "2026-01-01T00:00:00", "\"x\":1"),
                signal(id("s"), "2026-02-30T00:00:00Z", "\"x\":1"),
                signal(id("s"), "yesterday", "\"x\":1"),
                signal(id("s"), "2026-01-01T00:00:00+01:00", "\"x\":1")));
        assertThat(statuses(results)).containsExactly("rejected", "rejected", "rejected", "accepted");
    }

    @Test
    void aFillMayArriveBeforeItsSignal() throws Exception {
        String signal = id("s");
        String fill = id("f");
        assertThat(statuses(ingest("fills", fill(fill, signal, "2026-03-01T10:00:00.5Z")))).containsExactly("accepted");
        assertThat(statuses(ingest("signals", signal(signal, "2026-03-01T10:00:00Z", "\"side\":\"buy\"")))).containsExactly("accepted");
        assertThat(statuses(ingest("fills", fill(fill, signal, "2026-03-01T10:00:00.5Z")))).containsExactly("duplicate");
        assertThat(statuses(ingest("fills", fill(fill, "other-signal", "2026-03-01T10:00:00.5Z")))).containsExactly("conflict");
    }

    @Test
    void fillsAreValidatedLikeSignals() throws Exception {
        List<JsonNode> results = ingest("fills", String.join("\n",
                "{\"fill_id\":\"" + id("f") + "\",\"executed_at\":\"2026-01-01T00:00:00Z\"}",
                "{\"fill_id\":\"" + id("f") + "\",\"signal_id\":\"s\",\"executed_at\":12}",
                "{\"signal_id\":\"s\",\"executed_at\":\"2026-01-01T00:00:00Z\"}"));
        assertThat(statuses(results)).containsOnly("rejected");
    }

    @Test
    void aLargeBodyIsStreamedInBatches() throws Exception {
        StringBuilder body = new StringBuilder();
        int count = IngestService.BATCH * 2 + 17;
        String prefix = id("bulk");
        for (int i = 0; i < count; i++) {
            body.append(signal(prefix + "-" + i, "2026-04-01T00:00:00Z", "\"i\":" + i)).append('\n');
        }
        List<JsonNode> results = ingest("signals", body.toString());
        assertThat(results).hasSize(count);
        assertThat(statuses(results)).containsOnly("accepted");
        assertThat(results.get(count - 1).get("line").asLong()).isEqualTo(count);
    }

    @Test
    void aClientThatReadsNothingBeforeItHasSentEverythingStillGetsEveryResult() throws Exception {
        // The JDK HttpClient sends the whole body before it reads the response: results the server wrote while
        // reading would fill the socket buffers and stall both sides, so they are spooled until the body is in.
        StringBuilder body = new StringBuilder();
        int count = 60_000;
        String prefix = id("spool");
        for (int i = 0; i < count; i++) {
            body.append(fill(prefix + "-" + i, "s-" + i, "2026-04-01T00:00:00Z")).append('\n');
        }
        List<JsonNode> results = ingest("fills", body.toString());
        assertThat(results).hasSize(count);
        assertThat(statuses(results)).containsOnly("accepted");
    }

    @Test
    void ingestNeedsAToken() {
        TestRegistry.Response response = registry.send(registry.request("/lineage/signals", null)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aPrincipalWithoutTheLineageWriterRoleIsRefusedAndNothingIsStored() throws Exception {
        String token = registry.principalWithToken(id("forger"), false);
        String forged = id("s");
        int entriesBefore = ingestEntries().size();
        for (String kind : List.of("signals", "fills")) {
            String line = kind.equals("signals") ? signal(forged, "2026-05-01T00:00:00Z", "\"side\":\"buy\"")
                    : fill(id("f"), forged, "2026-05-01T00:00:01Z");
            TestRegistry.Response refused = ingestAs(token, kind, line + "\n");
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemType()).endsWith(":role-required");
            assertThat(refused.body().get("detail").asText()).contains("lineage-writer");
        }
        assertThat(storedSignalCount(forged)).isZero();
        assertThat(ingestEntries()).hasSize(entriesBefore);
        // The real sender's event is not turned into a conflict by the refused forgery.
        assertThat(statuses(ingest("signals", signal(forged, "2026-05-01T00:00:00Z", "\"side\":\"sell\"")))).containsExactly("accepted");
    }

    @Test
    void aGrantedPrincipalIngestsAndIsRefusedOnceTheRoleIsRevoked() throws Exception {
        String name = id("stream");
        String token = registry.principalWithToken(name, false);
        TestRegistry.expect(204, registry.put("/principals/" + name + "/roles/lineage-writer", TestRegistry.ADMIN_TOKEN));
        String granted = id("s");
        TestRegistry.Response accepted = ingestAs(token, "signals", signal(granted, "2026-05-02T00:00:00Z", "\"q\":1") + "\n");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.text()).contains("\"accepted\"");
        assertThat(entryOf(accepted).get("actor").asText()).isEqualTo(name);

        TestRegistry.expect(204, registry.delete("/principals/" + name + "/roles/lineage-writer", TestRegistry.ADMIN_TOKEN));
        String late = id("s");
        assertThat(ingestAs(token, "signals", signal(late, "2026-05-02T00:00:01Z", "\"q\":2") + "\n").status()).isEqualTo(403);
        assertThat(storedSignalCount(late)).isZero();
    }

    @Test
    void eachAcceptedBatchIsAuditedWithItsCountsIdsAndTheHashOfItsLinesAsReceived() throws Exception {
        String first = id("s");
        String last = id("s");
        String firstLine = signal(first, "2026-05-03T00:00:00Z", "\"side\":\"buy\"");
        String lastLine = "{ \"model_id\" : \"" + version + "\", \"signal_id\":\"" + last + "\",\"emitted_at\":\"2026-05-03T00:00:01Z\"}";
        String body = firstLine + "\r\n" + "{not json\n" + firstLine + "\n" + lastLine;
        TestRegistry.Response response = ingestAs(TestRegistry.ADMIN_TOKEN, "signals", body);
        assertThat(response.status()).as(response.text()).isEqualTo(200);

        JsonNode entry = entryOf(response);
        assertThat(entry.get("action").asText()).isEqualTo("lineage.ingested");
        JsonNode detail = entry.get("detail").get("after");
        assertThat(detail.get("kind").asText()).isEqualTo("signal");
        assertThat(detail.get("accepted").asInt()).isEqualTo(2);
        assertThat(detail.get("duplicate").asInt()).as("the repeated first line").isEqualTo(1);
        assertThat(detail.get("conflict").asInt()).isZero();
        assertThat(detail.get("rejected").asInt()).as("the line that is not JSON").isEqualTo(1);
        assertThat(detail.get("first_line").asLong()).isEqualTo(1);
        assertThat(detail.get("last_line").asLong()).isEqualTo(4);
        assertThat(detail.get("first_id").asText()).isEqualTo(first);
        assertThat(detail.get("last_id").asText()).isEqualTo(last);
        assertThat(detail.get("ids_sha256").asText()).isEqualTo(sha256(first + "\n" + last + "\n"));
        assertThat(detail.get("lines_sha256").asText()).isEqualTo(sha256(firstLine + "\n" + lastLine + "\n"));
    }

    @Test
    void aBatchThatOnlyConflictsIsAuditedAndAReplayOfDuplicatesIsNot() throws Exception {
        String stored = id("s");
        String line = signal(stored, "2026-05-04T00:00:00Z", "\"side\":\"buy\"");
        assertThat(ingestAs(TestRegistry.ADMIN_TOKEN, "signals", line + "\n").status()).isEqualTo(200);

        TestRegistry.Response replay = ingestAs(TestRegistry.ADMIN_TOKEN, "signals", line + "\n");
        assertThat(replay.status()).isEqualTo(200);
        String replayId = replay.header("X-Request-Id");
        assertThat(ingestEntries()).noneMatch(e -> e.get("request_id").asText().equals(replayId));

        TestRegistry.Response forged = ingestAs(TestRegistry.ADMIN_TOKEN, "signals",
                signal(stored, "2026-05-04T00:00:00Z", "\"side\":\"sell\"") + "\n");
        assertThat(forged.status()).isEqualTo(200);
        JsonNode detail = entryOf(forged).get("detail").get("after");
        assertThat(detail.get("accepted").asInt()).isZero();
        assertThat(detail.get("conflict").asInt()).isEqualTo(1);
        assertThat(detail.get("first_id").isNull()).isTrue();
    }

    private static TestRegistry.Response ingestAs(String token, String kind, String body) {
        return registry.send(registry.request("/lineage/" + kind, token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The one audit entry the request that got {@code response} appended. */
    private static JsonNode entryOf(TestRegistry.Response response) {
        String requestId = response.header("X-Request-Id");
        List<JsonNode> entries = ingestEntries().stream()
                .filter(e -> e.get("request_id").asText().equals(requestId)).toList();
        assertThat(entries).as("audit entries of request %s", requestId).hasSize(1);
        return entries.get(0);
    }

    private static List<JsonNode> ingestEntries() {
        List<JsonNode> entries = new ArrayList<>();
        for (String chain : List.of("lineage:signals", "lineage:fills")) {
            String after = "";
            while (after != null) {
                JsonNode page = TestRegistry.expect(200, registry.get("/audit?limit=500&subject=" + chain + after,
                        TestRegistry.ADMIN_TOKEN)).body();
                page.get("items").forEach(entries::add);
                after = page.get("next").isNull() ? null : "&after=" + page.get("next").asText();
            }
        }
        return entries;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static long storedSignalCount(String id) {
        return registry.server().database().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM signals WHERE signal_id = :id")
                .bind("id", id).mapTo(Long.class).one());
    }

    private static String signal(String id, String emittedAt, String extra) {
        return "{\"signal_id\":\"" + id + "\",\"model_id\":\"" + version + "\",\"emitted_at\":\"" + emittedAt + "\"," + extra + "}";
    }

    private static String fill(String id, String signalId, String executedAt) {
        return "{\"fill_id\":\"" + id + "\",\"signal_id\":\"" + signalId + "\",\"executed_at\":\"" + executedAt + "\",\"qty\":100}";
    }

    private static String id(String prefix) {
        return prefix + "-" + IDS.incrementAndGet() + "-" + System.nanoTime();
    }

    private static List<String> statuses(List<JsonNode> results) {
        return results.stream().map(r -> r.get("status").asText()).toList();
    }

    private static List<JsonNode> ingest(String kind, String body) throws Exception {
        TestRegistry.Response response = registry.send(registry.request("/lineage/" + kind, TestRegistry.ADMIN_TOKEN)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> results = new ArrayList<>();
        for (String line : response.text().split("\n")) {
            if (!line.isBlank()) {
                results.add(JSON.readTree(line));
            }
        }
        return results;
    }

    private static String storedSignal(String id) {
        return registry.server().database().withHandle(h -> h.createQuery("SELECT body FROM signals WHERE signal_id = :id")
                .bind("id", id).mapTo(String.class).one());
    }
}
