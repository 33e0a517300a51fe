package dev.modelregistry.server.audit;

import org.jdbi.v3.core.Handle;

/**
 * What must happen in the transaction of every audit entry once it is stored: the events outbox writes the entry's
 * event there, so an event exists exactly when its change does. Defined here so that {@code audit} depends on no
 * feature; the wiring passes the implementation to {@link AuditLog}.
 */
@FunctionalInterface
public interface AuditAppendHook {
    /** Called inside the appending transaction, with the entry as stored (its {@code seq} assigned). */
    void appended(Handle handle, AuditEntry entry);
}
