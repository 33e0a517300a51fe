package dev.modelregistry.server.evaluation;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for evaluators and their keys; the only writer of {@code evaluators} and {@code evaluator_keys}. */
public final class EvaluatorStore {
    private static final RowMapper<EvaluatorKey> KEY = (rs, ctx) -> {
        var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
        return new EvaluatorKey(rs.getString("evaluator"), rs.getString("keyid"), rs.getString("public_key_pem"),
                instants.map(rs, "created_at", ctx), Optional.ofNullable(instants.map(rs, "revoked_at", ctx)));
    };

    public Evaluator insert(Handle handle, String name, Instant createdAt) {
        long id = handle.createQuery("INSERT INTO evaluators (name, created_at) VALUES (:name, :createdAt) RETURNING id")
                .bind("name", name)
                .bind("createdAt", createdAt)
                .mapTo(Long.class)
                .one();
        return new Evaluator(id, name, createdAt, List.of());
    }

    public Optional<Evaluator> findByName(Handle handle, String name) {
        return handle.createQuery("SELECT id, name, created_at FROM evaluators WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Evaluator(rs.getLong("id"), rs.getString("name"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "created_at", ctx),
                        keys(handle, rs.getLong("id"))))
                .findOne();
    }

    public List<Evaluator> page(Handle handle, String afterName, int limit) {
        return handle.createQuery("SELECT name FROM evaluators WHERE name > :after ORDER BY name LIMIT :limit")
                .bind("after", afterName)
                .bind("limit", limit)
                .mapTo(String.class)
                .list().stream()
                .map(name -> findByName(handle, name).orElseThrow())
                .toList();
    }

    public List<EvaluatorKey> keys(Handle handle, long evaluatorRowId) {
        return handle.createQuery("""
                        SELECT e.name AS evaluator, k.keyid, k.public_key_pem, k.created_at, k.revoked_at
                        FROM evaluator_keys k JOIN evaluators e ON e.id = k.evaluator_id
                        WHERE k.evaluator_id = :evaluatorId ORDER BY k.created_at, k.keyid""")
                .bind("evaluatorId", evaluatorRowId)
                .map(KEY)
                .list();
    }

    /** Every key of every evaluator, revoked ones included: what a report's signature is checked against. */
    public List<EvaluatorKey> allKeys(Handle handle) {
        return handle.createQuery("""
                        SELECT e.name AS evaluator, k.keyid, k.public_key_pem, k.created_at, k.revoked_at
                        FROM evaluator_keys k JOIN evaluators e ON e.id = k.evaluator_id
                        ORDER BY e.name, k.created_at, k.keyid""")
                .map(KEY)
                .list();
    }

    public void insertKey(Handle handle, long evaluatorRowId, String keyid, String publicKeyPem, Instant createdAt) {
        handle.createUpdate("""
                        INSERT INTO evaluator_keys (evaluator_id, keyid, public_key_pem, created_at)
                        VALUES (:evaluatorId, :keyid, :pem, :createdAt)""")
                .bind("evaluatorId", evaluatorRowId)
                .bind("keyid", keyid)
                .bind("pem", publicKeyPem)
                .bind("createdAt", createdAt)
                .execute();
    }

    /** Returns false when the key was already revoked. */
    public boolean revokeKey(Handle handle, long evaluatorRowId, String keyid, Instant at) {
        return handle.createUpdate("""
                        UPDATE evaluator_keys SET revoked_at = :at
                        WHERE evaluator_id = :evaluatorId AND keyid = :keyid AND revoked_at IS NULL""")
                .bind("at", at)
                .bind("evaluatorId", evaluatorRowId)
                .bind("keyid", keyid)
                .execute() == 1;
    }
}
