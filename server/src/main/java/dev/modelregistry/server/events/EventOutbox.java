package dev.modelregistry.server.events;

import dev.modelregistry.server.audit.AuditAppendHook;
import dev.modelregistry.server.audit.AuditEntry;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * The transactional outbox: {@link dev.modelregistry.server.audit.AuditLog} hands it every entry it appends, in the
 * entry's transaction, and it stores the entry's CloudEvent there and hands the event to its sinks. So an event
 * exists exactly when its change committed, and within a chain events are stored in the order they commit (the
 * chain head's lock orders them).
 */
public final class EventOutbox implements AuditAppendHook {
    private final EventStore events;
    private final List<EventSink> sinks;

    public EventOutbox(EventStore events, EventSink... sinks) {
        this.events = events;
        this.sinks = List.of(sinks);
    }

    @Override
    public void appended(Handle handle, AuditEntry entry) {
        Event event = CloudEvents.of(entry);
        events.insert(handle, event);
        sinks.forEach(sink -> sink.published(handle, event));
    }
}
