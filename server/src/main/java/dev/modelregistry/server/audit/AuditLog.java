package dev.modelregistry.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.audit.AuditSignatures;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.metrics.DomainMetrics;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;

/**
 * Appends audit entries inside the caller's transaction, so an entry exists exactly when its change does.
 * Each entry joins the hash chain named by its {@code chain}; only writers of the same chain wait for each other.
 * Each is signed with this instance's log key; the {@link AuditIntegrator} adds it to the Merkle tree after commit.
 */
public final class AuditLog {
    /** The chain of administrative changes: principals, tokens, teams, the ACL, evaluators. Rare, so one chain. */
    public static final String ADMIN_CHAIN = "admin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore store;
    private final AuditDetailRenderer details;
    private final Clock clock;
    private final AuditLogKey key;
    private final DomainMetrics metrics;

    public AuditLog(AuditStore store, AuditDetailRenderer details, Clock clock, AuditLogKey key,
                    DomainMetrics metrics) {
        this.store = store;
        this.details = details;
        this.clock = clock;
        this.key = key;
        this.metrics = metrics;
    }

    /** The chain shared by everything that concerns one model (the model and its versions). */
    public static String modelChain(Object modelName) {
        return "model:" + modelName;
    }

    public void append(Handle handle, Caller caller, AuditEvent event) {
        AuditStore.ChainPosition position = store.nextPosition(handle, event.chain());
        Instant now = Times.truncate(clock.instant());
        String detail = detailJson(event);
        String hash = AuditHashing.entryHash(event.chain(), position.chainSeq(), now, caller.name(), event.action(),
                event.subject(), detail, caller.requestId(), position.prevHash());
        // Signing here (~50 µs) keeps each entry's signature in its own transaction; the Merkle tree comes later.
        String signature = AuditSignatures.signEntry(key.privateKey(), hash);
        store.insert(handle, new AuditEntry(0, event.chain(), position.chainSeq(), now, caller.name(), event.action(),
                event.subject(), detail, caller.requestId(), position.prevHash(), hash, key.keyId(), signature));
        store.moveHead(handle, event.chain(), hash);
        // Every mutation is audited, so this is the one place that counts them; only once they are committed.
        handle.afterCommit(() -> metrics.committed(event.action()));
    }

    private String detailJson(AuditEvent event) {
        ObjectNode detail = JSON.createObjectNode();
        detail.set("before", details.render(event.before()));
        detail.set("after", details.render(event.after()));
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
