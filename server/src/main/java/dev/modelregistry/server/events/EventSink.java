package dev.modelregistry.server.events;

import org.jdbi.v3.core.Handle;

/**
 * Something that acts on every event in the transaction that publishes it: the webhook fan-out queues a delivery
 * per matching subscription there. A sink that only reads the outbox later (a Kafka dispatcher) needs none.
 */
@FunctionalInterface
public interface EventSink {
    void published(Handle handle, Event event);
}
