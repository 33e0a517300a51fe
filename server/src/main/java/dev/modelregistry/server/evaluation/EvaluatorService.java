package dev.modelregistry.server.evaluation;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Evaluators and their Ed25519 public keys. Report verification against these keys is the evaluation flow's job. */
public final class EvaluatorService {
    private final Database database;
    private final EvaluatorStore evaluators;
    private final AuditLog audit;
    private final Clock clock;

    public EvaluatorService(Database database, EvaluatorStore evaluators, AuditLog audit, Clock clock) {
        this.database = database;
        this.evaluators = evaluators;
        this.audit = audit;
        this.clock = clock;
    }

    public Evaluator create(Caller caller, String name) {
        return database.inTransaction(handle -> {
            if (evaluators.findByName(handle, name).isPresent()) {
                throw new RegistryException(ErrorCode.ALREADY_EXISTS, "evaluator " + name + " already exists");
            }
            Evaluator evaluator = evaluators.insert(handle, name, now());
            audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "evaluator.created",
                    "evaluator:" + name, evaluator));
            return evaluator;
        });
    }

    public Evaluator get(String name) {
        return database.withHandle(handle -> require(handle, name));
    }

    public List<Evaluator> page(String afterName, int limit) {
        return database.withHandle(handle -> evaluators.page(handle, afterName, limit));
    }

    /** The PEM must already have been checked by {@link Ed25519Keys#parsePublicKey}. */
    public EvaluatorKey addKey(Caller caller, String evaluatorName, String keyid, String publicKeyPem) {
        return database.inTransaction(handle -> {
            Evaluator evaluator = require(handle, evaluatorName);
            if (evaluator.keys().stream().anyMatch(key -> key.keyid().equals(keyid))) {
                throw new RegistryException(ErrorCode.ALREADY_EXISTS,
                        "evaluator " + evaluatorName + " already has a key " + keyid);
            }
            EvaluatorKey key = new EvaluatorKey(evaluatorName, keyid, publicKeyPem, now(), Optional.empty());
            evaluators.insertKey(handle, evaluator.rowId(), keyid, publicKeyPem, key.createdAt());
            audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "evaluator.key_added",
                    "evaluator:" + evaluatorName, key));
            return key;
        });
    }

    public void revokeKey(Caller caller, String evaluatorName, String keyid) {
        database.inTransaction(handle -> {
            Evaluator evaluator = require(handle, evaluatorName);
            EvaluatorKey key = evaluator.keys().stream().filter(k -> k.keyid().equals(keyid)).findFirst()
                    .orElseThrow(() -> RegistryException.notFound("key " + keyid + " of evaluator " + evaluatorName));
            Instant at = now();
            if (evaluators.revokeKey(handle, evaluator.rowId(), keyid, at)) {
                audit.append(handle, caller, new AuditEvent(AuditLog.ADMIN_CHAIN, "evaluator.key_revoked",
                        "evaluator:" + evaluatorName, key, key.revoked(at)));
            }
            return null;
        });
    }

    /** Every key of every evaluator, revoked ones included, in the caller's transaction. */
    public List<EvaluatorKey> allKeys(Handle handle) {
        return evaluators.allKeys(handle);
    }

    private Evaluator require(Handle handle, String name) {
        return evaluators.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("evaluator " + name));
    }

    private Instant now() {
        return Times.truncate(clock.instant());
    }
}
