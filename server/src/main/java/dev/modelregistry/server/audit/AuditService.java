package dev.modelregistry.server.audit;

import dev.modelregistry.server.db.Database;

import java.util.List;
import java.util.Optional;

/** Reading the audit log and verifying it, for compliance and on-call. */
public final class AuditService {
    private final Database database;
    private final AuditStore store;
    private final AuditVerifier verifier;

    public AuditService(Database database, AuditStore store, AuditVerifier verifier) {
        this.database = database;
        this.store = store;
        this.verifier = verifier;
    }

    /** Entries after {@code afterSeq}, oldest first; with a subject, those about it or in its chain. */
    public List<AuditEntry> page(Optional<String> subject, long afterSeq, int limit) {
        return database.withHandle(h -> store.page(h, subject, afterSeq, limit));
    }

    /** Entries matching {@code filter} before {@code beforeSeq}, newest first. */
    public List<AuditEntry> search(AuditFilter filter, long beforeSeq, int limit) {
        return database.withHandle(h -> store.search(h, filter, beforeSeq, limit));
    }

    public AuditVerification verify() {
        return verifier.verify();
    }
}
