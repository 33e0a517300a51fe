package dev.modelregistry.server.events;

import dev.modelregistry.server.audit.AuditLog;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of the outbox, as stored: the audit entry's global {@code seq}, its chain and gap-free place in it, the
 * CloudEvents {@code type}, when it happened, and the CloudEvent itself as the JSON text that is sent.
 */
public record Event(long seq, String chain, long chainSeq, String type, Instant occurredAt, String cloudEvent) {
    private static final String MODEL_CHAIN_PREFIX = AuditLog.modelChain("");

    /** The model this event is about, when its chain is a model's ({@code model:<name>}). */
    public Optional<String> model() {
        return chain.startsWith(MODEL_CHAIN_PREFIX)
                ? Optional.of(chain.substring(MODEL_CHAIN_PREFIX.length())) : Optional.empty();
    }

    /** The CloudEvents {@code id}, also the Standard Webhooks {@code webhook-id} of every delivery of it. */
    public String id() {
        return idOf(seq);
    }

    public static String idOf(long seq) {
        return "evt_" + seq;
    }
}
