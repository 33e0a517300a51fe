package dev.modelregistry.server.events;

import org.jdbi.v3.core.Handle;

/** SQL for {@code events}, the transactional outbox. */
public final class EventStore {
    public void insert(Handle handle, Event event) {
        handle.createUpdate("""
                        INSERT INTO events (seq, chain, chain_seq, type, occurred_at, cloud_event)
                        VALUES (:seq, :chain, :chainSeq, :type, :occurredAt, :cloudEvent)""")
                .bind("seq", event.seq())
                .bind("chain", event.chain())
                .bind("chainSeq", event.chainSeq())
                .bind("type", event.type())
                .bind("occurredAt", event.occurredAt())
                .bind("cloudEvent", event.cloudEvent())
                .execute();
    }
}
