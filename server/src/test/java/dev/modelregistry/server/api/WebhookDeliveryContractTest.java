package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.WebhookReceiver;
import dev.modelregistry.server.testing.WebhookReceiver.Received;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook delivery against real receivers on loopback: every event of a model arrives, in order, as a signed
 * CloudEvent; a receiver that is down, slow or refusing gets its events after it recovers, still in order; retries end
 * after 24 hours (of the test's clock) with the subscription failing until it is enabled again.
 */
abstract class WebhookDeliveryContractTest extends WebhookTestSupport {
    private DeployFixture fixture;

    @BeforeAll
    void fixture() {
        fixture = new DeployFixture(registry.baseUri(), ADMIN, "hooks");
    }

    /** A model, and an admin's subscription of a receiver to its events: their id and secret. */
    private record Subscribed(String model, String id, String secret) {
    }

    /** A new model with one version, and {@code receiver} subscribed to its events of these actions (none: all). */
    private Subscribed subscribed(WebhookReceiver receiver, String... actions) {
        String model = unique("m");
        fixture.candidate(model);
        List<String> types = actions.length == 0 ? null : Arrays.stream(actions).map(WebhookTestSupport::type).toList();
        JsonNode subscription = subscribe(ADMIN, receiver.url(model), types, List.of(model));
        return new Subscribed(model, subscription.get("id").asText(), subscription.get("secret").asText());
    }

    @Test
    void aModelsEventsArriveInOrderSignedWithTheSubscriptionsSecret() {
        try (WebhookReceiver verifying = WebhookReceiver.start()) {
            Subscribed subscription = subscribed(verifying);
            String model = subscription.model();
            verifying.verifyWith(subscription.secret());

            for (int i = 0; i < 6; i++) {
                fixture.candidate(model);
            }

            List<Received> delivered = verifying.awaitDelivered(12, WAIT);
            assertThat(verifying.received()).as("nothing was refused by the verifying receiver").allMatch(Received::delivered);
            assertThat(delivered).extracting(Received::chainSeq).isSorted().doesNotHaveDuplicates();
            assertThat(delivered).extracting(r -> r.event().get("type").asText()).containsOnly(
                    type("version.registered"), type("artifact.uploaded"));
            assertThat(delivered).allMatch(r -> r.contentType().startsWith("application/cloudevents+json"));
            assertThat(delivered).allMatch(r -> r.webhookId().equals(r.event().get("id").asText()));
        }
    }

    @Test
    void theCloudEventIsTheAuditEntry() {
        try (WebhookReceiver receiving = WebhookReceiver.start()) {
            String model = subscribed(receiving, "version.sealed").model();
            String version = fixture.candidate(model).get("model_id").asText();
            fixture.seal(model, version);

            JsonNode event = receiving.awaitDelivered(1, WAIT).getFirst().event();
            JsonNode entry = auditOf("model:" + model).stream()
                    .filter(e -> e.get("action").asText().equals("version.sealed")).findFirst().orElseThrow();

            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("id").asText()).isEqualTo("evt_" + entry.get("seq").asLong());
            assertThat(event.get("source").asText()).isEqualTo("urn:model-registry:model:" + model);
            assertThat(event.get("type").asText()).isEqualTo(type("version.sealed"));
            assertThat(event.get("subject").asText()).isEqualTo(entry.get("subject").asText()).contains(version);
            assertThat(event.get("time").asText()).isEqualTo(entry.get("occurred_at").asText());
            assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
            assertThat(event.get("seq").asLong()).isEqualTo(entry.get("seq").asLong());
            assertThat(event.get("chain").asText()).isEqualTo("model:" + model);
            assertThat(event.get("chainseq").asLong()).isEqualTo(entry.get("chain_seq").asLong());
            assertThat(event.get("actor").asText()).isEqualTo(entry.get("actor").asText());
            assertThat(event.get("data")).isEqualTo(entry.get("detail"));
        }
    }

    @Test
    void everyAuditEntryHasItsEventWithAGapFreeSequencePerModel() {
        String model = unique("m");
        String id = fixture.ready(model);
        fixture.promote(model, id, 100);
        fixture.promote(model, fixture.ready(model), 100);
        assertStatus(200, post("/models/" + model + "/deployment:rollback", fixture.approverToken,
                object().put("reason", "drawdown")));

        List<Map<String, Object>> missing = registry.server().database().withHandle(h -> h.createQuery("""
                SELECT a.seq FROM audit_log a LEFT JOIN events e ON e.seq = a.seq
                WHERE e.seq IS NULL OR e.type <> 'dev.modelregistry.' || a.action
                   OR e.chain <> a.chain OR e.chain_seq <> a.chain_seq""").mapToMap().list());
        List<Long> sequence = registry.server().database().withHandle(h -> h.createQuery(
                "SELECT chain_seq FROM events WHERE chain = :chain ORDER BY chain_seq")
                .bind("chain", "model:" + model).mapTo(Long.class).list());
        List<String> types = registry.server().database().withHandle(h -> h.createQuery(
                "SELECT type FROM events WHERE chain = :chain ORDER BY chain_seq")
                .bind("chain", "model:" + model).mapTo(String.class).list());

        assertThat(missing).as("audit entries without their event").isEmpty();
        assertThat(sequence).isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequence.size()).boxed().toList());
        assertThat(types).contains(type("deployment.promoted"), type("deployment.rolled_back"));
    }

    @Test
    void aReceiverDownForAWhileGetsEverythingInOrderOnceItIsBack() {
        try (WebhookReceiver flaky = WebhookReceiver.start()) {
            Subscribed subscription = subscribed(flaky, "version.registered");
            String id = subscription.id();
            flaky.answer(503);
            for (int i = 0; i < 4; i++) {
                fixture.candidate(subscription.model());
            }
            // Three failed attempts of the first event; later events wait behind it and are never sent.
            for (int attempt = 1; attempt <= 3; attempt++) {
                int attempts = attempt;
                awaitLog(id, attempts + " failed attempts", log -> log.stream().anyMatch(
                        d -> d.get("attempts").asInt() == attempts && d.get("status").asText().equals("pending")));
                assertThat(flaky.received()).extracting(Received::webhookId).containsOnly(
                        flaky.received().getFirst().webhookId());
                clock.advance(Duration.ofHours(1));
            }
            assertThat(deliveries(id)).extracting(d -> d.get("status").asText())
                    .as("one head pending, the rest queued behind it").containsExactly("queued", "queued", "queued",
                            "pending");
            flaky.answer(200);
            clock.advance(Duration.ofHours(1));

            List<Received> delivered = flaky.awaitDelivered(4, WAIT);
            assertThat(delivered).extracting(Received::chainSeq).isSorted().doesNotHaveDuplicates();
            assertThat(delivered.getFirst().webhookId()).isEqualTo(flaky.received().getFirst().webhookId());
            List<JsonNode> log = awaitLog(id, "all delivered", l -> l.stream().allMatch(
                    d -> d.get("status").asText().equals("delivered")));
            JsonNode first = log.getLast();
            assertThat(first.get("attempts").asInt()).isEqualTo(4);
            assertThat(first.get("response_code").asInt()).isEqualTo(200);
        }
    }

    @Test
    void aSlowReceiverTimesOutAndTheDeliveryIsTriedAgain() {
        try (WebhookReceiver slow = WebhookReceiver.start()) {
            Subscribed subscription = subscribed(slow, "version.registered");
            slow.delay(TIMEOUT.multipliedBy(3));
            fixture.candidate(subscription.model());
            String id = subscription.id();

            JsonNode timedOut = awaitLog(id, "a timed-out attempt", log -> log.stream().anyMatch(
                    d -> d.get("attempts").asInt() == 1)).getFirst();
            assertThat(timedOut.get("status").asText()).isEqualTo("pending");
            assertThat(timedOut.get("response_code").isNull()).isTrue();
            assertThat(timedOut.get("error").asText()).contains("no answer within 1000 ms");
            assertThat(timedOut.get("latency_ms").asLong()).isGreaterThanOrEqualTo(900L);

            slow.delay(Duration.ZERO);
            clock.advance(Duration.ofHours(1));
            JsonNode delivered = awaitLog(id, "delivered", log -> log.getFirst().get("status").asText()
                    .equals("delivered")).getFirst();
            assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
            // At least once: the receiver saw the event twice, with one webhook-id.
            assertThat(slow.received()).hasSize(2).extracting(Received::webhookId).containsOnly(
                    delivered.get("event_id").asText());
        }
    }

    @Test
    void afterTwentyFourHoursOfFailuresTheSubscriptionIsFailingUntilEnabled() {
        try (WebhookReceiver broken = WebhookReceiver.start()) {
            Subscribed subscription = subscribed(broken, "version.registered");
            String id = subscription.id();
            broken.answer(500);
            fixture.candidate(subscription.model());
            awaitLog(id, "a first failure", log -> log.getFirst().get("attempts").asInt() == 1);
            clock.advance(Duration.ofHours(23));
            awaitLog(id, "a second failure", log -> log.getFirst().get("attempts").asInt() == 2);
            clock.advance(Duration.ofHours(2));
            awaitLog(id, "the give-up", log -> log.getFirst().get("status").asText().equals("failed"));

            JsonNode failing = subscriptionOf(id).body();
            assertThat(failing.get("state").asText()).isEqualTo("failing");
            assertThat(failing.get("failing_since").isNull()).isFalse();
            assertThat(auditCount("webhook:" + id, "webhook.failing")).isEqualTo(1);
            fixture.candidate(subscription.model());
            clock.advance(Duration.ofHours(2));
            sleep(300);
            int seen = broken.received().size();
            assertProblem(post("/webhooks/" + id + "/deliveries/" + deliveries(id).getLast().get("id").asText()
                    + ":redeliver", ADMIN, "{}"), 409, "invalid-transition");

            broken.answer(204);
            assertThat(assertStatus(200, post("/webhooks/" + id + ":enable", ADMIN, "{}")).body().get("state").asText())
                    .isEqualTo("active");
            List<Received> delivered = broken.awaitDelivered(2, WAIT);
            assertThat(seen).as("nothing was sent while failing").isEqualTo(3);
            assertThat(delivered).extracting(Received::chainSeq).isSorted();
            assertThat(auditCount("webhook:" + id, "webhook.enabled")).isEqualTo(1);
        }
    }

    @Test
    void duringASecretRotationDeliveriesCarryBothSignatures() {
        try (WebhookReceiver receiving = WebhookReceiver.start()) {
            Subscribed subscription = subscribed(receiving, "version.registered");
            String model = subscription.model();
            String id = subscription.id();
            String old = subscription.secret();
            String fresh = assertStatus(200, post("/webhooks/" + id + ":rotate-secret", ADMIN, "{}")).body()
                    .get("secret").asText();

            fixture.candidate(model);
            Received during = receiving.awaitDelivered(1, WAIT).getFirst();
            clock.advance(Duration.ofHours(25));
            fixture.candidate(model);
            Received after = receiving.awaitDelivered(2, WAIT).getLast();

            assertThat(during.signature().split(" ")).hasSize(2);
            assertThat(during.signedWith(fresh)).isTrue();
            assertThat(during.signedWith(old)).isTrue();
            assertThat(after.signature().split(" ")).hasSize(1);
            assertThat(after.signedWith(fresh)).isTrue();
            assertThat(after.signedWith(old)).isFalse();
        }
    }

    @Test
    void aSubscriptionGetsOnlyTheTypesAndModelsItNamed() {
        try (WebhookReceiver receiving = WebhookReceiver.start()) {
            String wanted = unique("m");
            String other = unique("m");
            String id = fixture.ready(wanted);
            fixture.candidate(other);
            subscribe(fixture.registrantToken, receiving.url("filtered"),
                    List.of(type("deployment.promoted"), type("deployment.rolled_back")), List.of(wanted));

            fixture.candidate(wanted);
            fixture.ready(other);
            fixture.promote(wanted, id, 100);
            fixture.promote(other, fixture.ready(other), 100);
            fixture.promote(wanted, fixture.ready(wanted), 100);
            assertStatus(200, post("/models/" + wanted + "/deployment:rollback", fixture.approverToken,
                    object().put("reason", "fill rate collapsed")));

            List<Received> delivered = receiving.awaitDelivered(3, WAIT);
            sleep(300);
            assertThat(receiving.received()).hasSize(3);
            assertThat(delivered).extracting(r -> r.event().get("type").asText()).containsExactly(
                    type("deployment.promoted"), type("deployment.promoted"), type("deployment.rolled_back"));
            assertThat(delivered).allMatch(r -> r.event().get("chain").asText().equals("model:" + wanted));
            assertThat(delivered.getLast().event().get("data").get("after").get("reason").asText())
                    .isEqualTo("fill rate collapsed");
        }
    }

    @Test
    void theDeliveryLogShowsEachAttemptAndARedeliverySendsTheSameEventAgain() {
        try (WebhookReceiver receiving = WebhookReceiver.start()) {
            Subscribed subscription = subscribed(receiving, "version.registered");
            String model = subscription.model();
            String id = subscription.id();
            String version = fixture.candidate(model).get("model_id").asText();
            Received first = receiving.awaitDelivered(1, WAIT).getFirst();

            JsonNode delivery = awaitLog(id, "delivered", log -> log.getFirst().get("status").asText()
                    .equals("delivered")).getFirst();
            assertThat(delivery.get("event_id").asText()).isEqualTo(first.webhookId());
            assertThat(delivery.get("event_type").asText()).isEqualTo(type("version.registered"));
            assertThat(delivery.get("chain").asText()).isEqualTo("model:" + model);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("response_code").asInt()).isEqualTo(204);
            assertThat(delivery.get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(delivery.get("error").isNull()).isTrue();
            assertThat(delivery.get("delivered_at").isNull()).isFalse();
            assertThat(first.event().get("subject").asText()).contains(version);

            JsonNode queued = assertStatus(202, post("/webhooks/" + id + "/deliveries/" + delivery.get("id").asText()
                    + ":redeliver", ADMIN, "{}")).body();
            assertThat(queued.get("status").asText()).isEqualTo("pending");
            List<Received> twice = receiving.awaitDelivered(2, WAIT);
            assertThat(twice).extracting(Received::webhookId).containsOnly(first.webhookId());
            assertThat(twice.getLast().body()).isEqualTo(first.body());
            assertThat(awaitLog(id, "redelivered", log -> log.getFirst().get("attempts").asInt() == 2)).hasSize(1);
            assertThat(auditCount("webhook:" + id, "webhook.redelivery_requested")).isEqualTo(1);
            assertProblem(post("/webhooks/" + id + "/deliveries/999999:redeliver", ADMIN, "{}"), 404, "not-found");
        }
    }

    @Test
    void anOrphanedModelIsAHealthChangeEvent() {
        try (WebhookReceiver receiving = WebhookReceiver.start()) {
            TeamModel owned = teamModel("lonely");
            String model = owned.model();
            subscribe(ADMIN, receiving.url("health"), List.of(type("model.health_changed")), List.of(model));

            assertStatus(204, delete("/teams/" + owned.team() + "/members/" + owned.member().name(), ADMIN));
            registry.server().healthSweeper().sweepOnce();

            JsonNode event = receiving.awaitDelivered(1, WAIT).getFirst().event();
            assertThat(event.get("data").get("after").get("state").asText()).isEqualTo("orphan");
            assertThat(event.get("subject").asText()).isEqualTo("model:" + model);
        }
    }

    @Test
    void aTeamsSubscriptionEndsWithItsOwnershipOfTheModel() {
        try (WebhookReceiver receiving = WebhookReceiver.start()) {
            TeamModel owned = teamModel("sellers");
            String model = owned.model();
            subscribe(owned.member().token(), receiving.url("team"), List.of(type("version.registered")),
                    List.of(model));
            register(model, owned.member().token(), registration(null));
            receiving.awaitDelivered(1, WAIT);

            String buyers = unique("buyers");
            Member heir = teamMember(buyers);
            assertStatus(200, post("/models/" + model + ":reassign", ADMIN, object().put("owner", buyers)));
            register(model, heir.token(), registration(null));
            sleep(500);

            Map<String, Long> byType = receiving.received().stream()
                    .collect(Collectors.groupingBy(r -> r.event().get("type").asText(), Collectors.counting()));
            assertThat(byType).containsExactly(Map.entry(type("version.registered"), 1L));
        }
    }
}
