package dev.modelregistry.server.webhook;

import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.events.Event;
import dev.modelregistry.server.events.EventSink;
import org.jdbi.v3.core.Handle;

import java.time.Clock;

/**
 * Queues every published event for the subscriptions it matches, in the event's own transaction, and wakes this
 * instance's dispatcher once it commits, so commit-to-webhook latency does not wait for a poll.
 */
public final class WebhookFanOut implements EventSink {
    private final DeliveryStore deliveries;
    private final DispatchSignal wake;
    private final Clock clock;

    WebhookFanOut(DeliveryStore deliveries, DispatchSignal wake, Clock clock) {
        this.deliveries = deliveries;
        this.wake = wake;
        this.clock = clock;
    }

    @Override
    public void published(Handle handle, Event event) {
        if (deliveries.queue(handle, event, Times.truncate(clock.instant())) > 0) {
            wake.afterCommit(handle);
        }
    }
}
