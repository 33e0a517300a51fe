package dev.modelregistry.server.audit;

/**
 * One change to record: the chain it joins, what happened ({@code action}), to what ({@code subject}), and the
 * domain records before and after (either may be null). The records are turned into the entry's JSON detail in one
 * place, the {@link AuditDetailRenderer}, so services never build JSON themselves.
 */
public record AuditEvent(String chain, String action, String subject, Object before, Object after) {
    /** Something came into being: no before. */
    public static AuditEvent created(String chain, String action, String subject, Object after) {
        return new AuditEvent(chain, action, subject, null, after);
    }

    /** Something went away: no after. */
    public static AuditEvent removed(String chain, String action, String subject, Object before) {
        return new AuditEvent(chain, action, subject, before, null);
    }
}
