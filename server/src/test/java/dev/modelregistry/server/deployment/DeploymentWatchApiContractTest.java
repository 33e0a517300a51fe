package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Following a deployment: long-poll, server-sent events, and the registry keys that sign what watchers see. */
abstract class DeploymentWatchApiContractTest extends DeployTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    DeploymentWatchApiContractTest() {
        super("watch");
    }

    @Test
    void aLongPollReturnsAtTheChange() throws Exception {
        fixture.promote("lp", fixture.ready("lp"), 100);
        String next = fixture.ready("lp");
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(HttpRequest.newBuilder(
                        registry.baseUri().resolve("/models/lp/deployment?after_revision=1&wait=30s"))
                .header("Authorization", "Bearer " + fixture.registrantToken).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(poll).as("the poll waits while nothing changes").isNotDone();
        Instant promoted = Instant.now();
        fixture.promote("lp", next, 100);
        HttpResponse<String> answer = poll.get(10, TimeUnit.SECONDS);
        assertThat(Duration.between(promoted, Instant.now())).isLessThan(Duration.ofSeconds(10));
        JsonNode deployment = JSON.readTree(answer.body());
        assertThat(deployment.get("revision").asLong()).isEqualTo(2);
        assertThat(deployment.get("production").get("model_id").asText()).isEqualTo(next);
    }

    @Test
    void aLongPollWithoutChangeAnswersTheSameRevisionWhenTheWaitIsOver() throws Exception {
        fixture.promote("idle", fixture.ready("idle"), 100);
        Instant asked = Instant.now();
        JsonNode deployment = fixture.call("GET", "/models/idle/deployment?after_revision=1&wait=700ms",
                fixture.registrantToken, null, 200);
        assertThat(Duration.between(asked, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(deployment.get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void aLongPollBehindTheCurrentRevisionAnswersAtOnce() {
        fixture.promote("behind", fixture.ready("behind"), 100);
        Instant asked = Instant.now();
        fixture.call("GET", "/models/behind/deployment?after_revision=0&wait=30s", fixture.registrantToken, null, 200);
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void badWaitParametersAreRefused() {
        for (String query : new String[] {"wait=soon&after_revision=1", "wait=5s&after_revision=-1", "wait=5s&after_revision=x"}) {
            fixture.call("GET", "/models/behind/deployment?" + query, fixture.registrantToken, null, 400);
        }
    }

    @Test
    void serverSentEventsDeliverTheCurrentDeploymentAndEveryChange() throws Exception {
        fixture.promote("sse", fixture.ready("sse"), 100);
        String next = fixture.ready("sse");
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(registry.baseUri().resolve("/models/sse/deployment"))
                .header("Authorization", "Bearer " + fixture.registrantToken).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(events).get("revision").asLong()).isEqualTo(1);
            fixture.promote("sse", next, 100);
            JsonNode changed = nextEvent(events);
            assertThat(changed.get("revision").asLong()).isEqualTo(2);
            assertThat(changed.get("production").get("model_id").asText()).isEqualTo(next);
        }
    }

    @Test
    void keysArePublicAndARotationKeepsOldManifestsVerifiable() throws Exception {
        fixture.promote("keys", fixture.ready("keys"), 100);
        JsonNode before = registry.get("/keys", null).body().get("keys");
        assertThat(before).anySatisfy(k -> assertThat(k.get("status").asText()).isEqualTo("active"));
        DsseEnvelope oldManifest = DsseEnvelope.parse(fixture.call("GET", "/models/keys/deployment",
                fixture.registrantToken, null, 200).get("manifest"));

        fixture.call("POST", "/keys:rotate", fixture.registrantToken, "{}", 403);
        JsonNode after = fixture.call("POST", "/keys:rotate", TestRegistry.ADMIN_TOKEN, "{}", 200).get("keys");
        assertThat(after).hasSize(before.size() + 1);
        String oldKeyId = oldManifest.signatures().get(0).keyid();
        JsonNode old = find(after, oldKeyId);
        assertThat(old.get("status").asText()).isEqualTo("retired");
        assertThat(Dsse.verifiedBy(oldManifest, Ed25519Pem.publicKey(old.get("public_key_pem").asText()))).isTrue();

        DsseEnvelope newManifest = DsseEnvelope.parse(fixture.call("GET", "/models/keys/deployment",
                fixture.registrantToken, null, 200).get("manifest"));
        JsonNode active = find(after, newManifest.signatures().get(0).keyid());
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(Dsse.verifiedBy(newManifest, Ed25519Pem.publicKey(active.get("public_key_pem").asText()))).isTrue();
        assertThat(Dsse.verifiedBy(newManifest, Ed25519Pem.publicKey(old.get("public_key_pem").asText()))).isFalse();
    }

    @Test
    void anUndeployedModelHasRevisionZeroAndASignedEmptyManifest() throws Exception {
        fixture.candidate("never");
        JsonNode deployment = fixture.call("GET", "/models/never/deployment", fixture.registrantToken, null, 200);
        assertThat(deployment.get("revision").asLong()).isZero();
        assertThat(deployment.get("production").isNull()).isTrue();
        JsonNode payload = JSON.readTree(DsseEnvelope.parse(deployment.get("manifest")).payload());
        assertThat(payload.get("entries")).isEmpty();
        fixture.call("GET", "/models/no-such-model/deployment", fixture.registrantToken, null, 404);
    }

    private static JsonNode find(JsonNode keys, String keyid) {
        for (JsonNode key : keys) {
            if (key.get("keyid").asText().equals(keyid)) {
                return key;
            }
        }
        throw new AssertionError("no key " + keyid + " in " + keys);
    }

    /** Reads lines until a complete "deployment" event and returns its data. */
    private static JsonNode nextEvent(BufferedReader events) throws Exception {
        String data = null;
        for (String line; (line = events.readLine()) != null; ) {
            if (line.startsWith("data: ")) {
                data = line.substring(6);
            } else if (line.isEmpty() && data != null) {
                return JSON.readTree(data);
            }
        }
        throw new AssertionError("the event stream ended");
    }
}
