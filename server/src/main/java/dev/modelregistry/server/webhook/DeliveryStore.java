package dev.modelregistry.server.webhook;

import dev.modelregistry.server.db.RowLocking;
import dev.modelregistry.server.events.Event;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.modelregistry.server.webhook.SubscriptionStore.instant;

/**
 * SQL for {@code webhook_deliveries} and {@code webhook_lines}: queuing an event for every subscription it matches (in
 * the event's own transaction), claiming what is due, recording each attempt, and the delivery log. Reads events and
 * subscriptions in joins, and a model's owner from {@code models}.
 */
public final class DeliveryStore {
    /**
     * A delivery may be attempted when it is pending (the head of its line) and due, its subscription is active, no
     * instance holds an unexpired lease on it, and, should a line ever have two heads, nothing earlier of its line is
     * undelivered: what keeps a model's events in order, whatever instance sends them. Only heads are read, so a
     * long queue behind a receiver that is down costs a claim nothing.
     */
    private static final String CLAIMABLE = """
            SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.state = 'pending' AND s.state = 'active' AND d.next_attempt_at <= :now
              AND (d.leased_until IS NULL OR d.leased_until <= :now)
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                              WHERE e.subscription_id = d.subscription_id AND e.chain = d.chain
                                AND e.chain_seq < d.chain_seq AND e.state <> 'delivered')""";

    private static final String LOG_COLUMNS = """
            SELECT d.id, d.subscription_id, d.event_seq, e.type, d.chain, d.chain_seq, d.state, d.attempts,
                   d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_latency_ms, d.last_error, d.delivered_at
            FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq""";

    private final RowLocking locking;

    public DeliveryStore(RowLocking locking) {
        this.locking = locking;
    }

    /**
     * Queues {@code event} for every subscription whose types and models it matches; a team's subscription only
     * when that team owns the model now. In each line the delivery is pending when nothing earlier is undelivered,
     * else queued behind it. Answers how many deliveries were queued.
     */
    public int queue(Handle handle, Event event, Instant now) {
        List<String> subscriptions = handle.createQuery("""
                        SELECT s.id FROM webhook_subscriptions s
                        WHERE (s.all_types OR EXISTS (SELECT 1 FROM webhook_subscription_types t
                                                      WHERE t.subscription_id = s.id AND t.event_type = :type))
                          AND (s.all_models OR EXISTS (SELECT 1 FROM webhook_subscription_models m
                                                       WHERE m.subscription_id = s.id AND m.model = :model))
                          AND (s.owner_team_id IS NULL
                               OR s.owner_team_id = (SELECT owner_team_id FROM models WHERE name = :model))
                        ORDER BY s.id""")
                .bind("type", event.type())
                .bind("model", event.model().orElse(null))
                .mapTo(String.class)
                .list();
        for (String subscription : subscriptions) {
            lockLine(handle, subscription, event.chain());
            handle.createUpdate("""
                            INSERT INTO webhook_deliveries (subscription_id, event_seq, chain, chain_seq, state,
                                                            attempts, next_attempt_at)
                            VALUES (:subscription, :seq, :chain, :chainSeq, """ + HEAD_OR_QUEUED + ", 0, :now)")
                    .bind("subscription", subscription)
                    .bind("seq", event.seq())
                    .bind("chain", event.chain())
                    .bind("chainSeq", event.chainSeq())
                    .bind("now", now)
                    .execute();
        }
        return subscriptions.size();
    }

    /** 'pending' for what heads its line (nothing of the line undelivered), else 'queued' behind the head. */
    private static final String HEAD_OR_QUEUED = """
            CASE WHEN EXISTS (SELECT 1 FROM webhook_deliveries l
                              WHERE l.subscription_id = :subscription AND l.chain = :chain
                                AND l.state <> 'delivered') THEN 'queued' ELSE 'pending' END""";

    /**
     * Takes the lock of a line (creating its row the first time) until the transaction ends: queuing behind the head
     * and recording the head's outcome wait for each other, so neither misses what the other changes.
     */
    private static void lockLine(Handle handle, String subscription, String chain) {
        handle.createUpdate("""
                        INSERT INTO webhook_lines (subscription_id, chain) VALUES (:subscription, :chain)
                        ON CONFLICT (subscription_id, chain) DO UPDATE SET chain = excluded.chain""")
                .bind("subscription", subscription)
                .bind("chain", chain)
                .execute();
    }

    /** Claims up to {@code limit} due deliveries, oldest due first, leasing them until {@code leaseUntil}. */
    List<ClaimedDelivery> claimDue(Handle handle, Instant now, Instant leaseUntil, int limit) {
        List<Long> ids = handle.createQuery(CLAIMABLE + " ORDER BY d.next_attempt_at, d.id LIMIT :limit"
                        + locking.skipLocked("d"))
                .bind("now", now)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list();
        return lease(handle, ids, leaseUntil);
    }

    /** Claims the next delivery in the line of one that was just delivered, if it is due now. */
    Optional<ClaimedDelivery> claimNextInLine(Handle handle, ClaimedDelivery done, Instant now, Instant leaseUntil) {
        List<Long> ids = handle.createQuery(CLAIMABLE + " AND d.subscription_id = :subscription AND d.chain = :chain"
                        + " ORDER BY d.chain_seq LIMIT 1" + locking.skipLocked("d"))
                .bind("now", now)
                .bind("subscription", done.subscriptionId())
                .bind("chain", done.chain())
                .mapTo(Long.class)
                .list();
        return lease(handle, ids, leaseUntil).stream().findFirst();
    }

    private List<ClaimedDelivery> lease(Handle handle, List<Long> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return List.of();
        }
        handle.createUpdate("UPDATE webhook_deliveries SET leased_until = :until WHERE id IN (<ids>)")
                .bind("until", leaseUntil)
                .bindList("ids", ids)
                .execute();
        return handle.createQuery("""
                        SELECT d.id, d.subscription_id, d.chain, d.chain_seq, d.event_seq, e.cloud_event, s.url,
                               s.secret, s.previous_secret, s.previous_secret_until, d.attempts, d.first_attempt_at
                        FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq
                             JOIN webhook_subscriptions s ON s.id = d.subscription_id
                        WHERE d.id IN (<ids>) ORDER BY d.next_attempt_at, d.id""")
                .bindList("ids", ids)
                .map((rs, ctx) -> new ClaimedDelivery(rs.getLong("id"), rs.getString("subscription_id"),
                        rs.getString("chain"), rs.getLong("chain_seq"), rs.getLong("event_seq"),
                        rs.getString("cloud_event"), rs.getString("url"), rs.getString("secret"),
                        Optional.ofNullable(rs.getString("previous_secret")),
                        Optional.ofNullable(instant(rs, "previous_secret_until", ctx)), rs.getInt("attempts"),
                        Optional.ofNullable(instant(rs, "first_attempt_at", ctx))))
                .list();
    }

    /** An attempt's outcome as the log keeps it. */
    record Attempt(Instant at, Optional<Integer> status, long latencyMillis, Optional<String> error) {
    }

    /** The head was delivered: the next delivery queued in its line becomes the pending head, due now. */
    void markDelivered(Handle handle, ClaimedDelivery head, Attempt attempt) {
        lockLine(handle, head.subscriptionId(), head.chain());
        record(handle, head.id(), attempt, "state = 'delivered', delivered_at = :at, next_attempt_at = :at", null);
        handle.createUpdate("""
                        UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = :now
                        WHERE id = (SELECT id FROM webhook_deliveries
                                    WHERE subscription_id = :subscription AND chain = :chain AND state = 'queued'
                                    ORDER BY chain_seq LIMIT 1)
                          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries
                                          WHERE subscription_id = :subscription AND chain = :chain
                                            AND state IN ('pending', 'failed'))""")
                .bind("subscription", head.subscriptionId())
                .bind("chain", head.chain())
                .bind("now", attempt.at())
                .execute();
    }

    /** The attempt failed; the next one is due at {@code next}. */
    void markRetry(Handle handle, long id, Attempt attempt, Instant next) {
        record(handle, id, attempt, "next_attempt_at = :next", next);
    }

    /** The attempt failed and the retries ran out. */
    void markFailed(Handle handle, long id, Attempt attempt) {
        record(handle, id, attempt, "state = 'failed'", null);
    }

    private void record(Handle handle, long id, Attempt attempt, String change, Instant next) {
        handle.createUpdate("UPDATE webhook_deliveries SET " + change + """
                        , attempts = attempts + 1, leased_until = NULL, last_attempt_at = :at,
                          first_attempt_at = COALESCE(first_attempt_at, :at), last_status = :status,
                          last_latency_ms = :latency, last_error = :error
                        WHERE id = :id""")
                .bind("id", id)
                .bind("at", attempt.at())
                .bind("next", next)
                .bind("status", attempt.status().orElse(null))
                .bind("latency", attempt.latencyMillis())
                .bind("error", attempt.error().orElse(null))
                .execute();
    }

    /** The delivery log of a subscription, newest first, below {@code beforeId}. */
    public List<Delivery> page(Handle handle, String subscriptionId, long beforeId, int limit) {
        return handle.createQuery(LOG_COLUMNS
                        + " WHERE d.subscription_id = :subscription AND d.id < :before ORDER BY d.id DESC LIMIT :limit")
                .bind("subscription", subscriptionId)
                .bind("before", beforeId)
                .bind("limit", limit)
                .map(DELIVERY)
                .list();
    }

    public Optional<Delivery> find(Handle handle, String subscriptionId, long id) {
        return handle.createQuery(LOG_COLUMNS + " WHERE d.subscription_id = :subscription AND d.id = :id")
                .bind("subscription", subscriptionId)
                .bind("id", id)
                .map(DELIVERY)
                .findOne();
    }

    /**
     * Queues a delivery again with a fresh retry window: due now when nothing else of its line is undelivered, else
     * behind the line's head. Its webhook-id stays the event's. A delivery that is still undelivered is left as it is.
     */
    public void redeliver(Handle handle, Delivery delivery, Instant now) {
        lockLine(handle, delivery.subscriptionId(), delivery.chain());
        handle.createUpdate("UPDATE webhook_deliveries SET state = " + HEAD_OR_QUEUED + """
                        , next_attempt_at = :now, first_attempt_at = NULL
                        WHERE id = :id AND state IN ('delivered', 'failed')""")
                .bind("id", delivery.id())
                .bind("subscription", delivery.subscriptionId())
                .bind("chain", delivery.chain())
                .bind("now", now)
                .execute();
    }

    /** The deliveries a failing subscription gave up on are pending again, due now, with a fresh retry window. */
    public int resumeFailed(Handle handle, String subscriptionId, Instant now) {
        return handle.createUpdate("""
                        UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = :now, first_attempt_at = NULL
                        WHERE subscription_id = :subscription AND state = 'failed'""")
                .bind("subscription", subscriptionId)
                .bind("now", now)
                .execute();
    }

    public void deleteOf(Handle handle, String subscriptionId) {
        handle.createUpdate("DELETE FROM webhook_deliveries WHERE subscription_id = :subscription")
                .bind("subscription", subscriptionId)
                .execute();
        handle.createUpdate("DELETE FROM webhook_lines WHERE subscription_id = :subscription")
                .bind("subscription", subscriptionId)
                .execute();
    }

    private static final RowMapper<Delivery> DELIVERY = (rs, ctx) -> new Delivery(rs.getLong("id"),
            rs.getString("subscription_id"), rs.getLong("event_seq"), rs.getString("type"), rs.getString("chain"),
            rs.getLong("chain_seq"), DeliveryState.fromWire(rs.getString("state")), rs.getInt("attempts"),
            instant(rs, "next_attempt_at", ctx), Optional.ofNullable(instant(rs, "last_attempt_at", ctx)),
            Optional.ofNullable(nullableInt(rs, "last_status")), Optional.ofNullable(nullableLong(rs, "last_latency_ms")),
            Optional.ofNullable(rs.getString("last_error")), Optional.ofNullable(instant(rs, "delivered_at", ctx)));

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
