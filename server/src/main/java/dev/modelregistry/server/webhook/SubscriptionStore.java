package dev.modelregistry.server.webhook;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for webhook subscriptions, their event-type and model filters, and the record of which key seals their
 * secrets. Reads the owning team's name from {@code teams} and its members from {@code team_members}.
 */
public final class SubscriptionStore {
    private static final String COLUMNS = """
            s.id, s.url, s.all_types, s.all_models, s.owner_team_id, t.name AS owner, s.state, s.created_by,
            s.created_at, s.failing_since, s.previous_secret_until
            FROM webhook_subscriptions s LEFT JOIN teams t ON t.id = s.owner_team_id""";

    /** What a new subscription stores; its secret is already sealed. */
    public record NewSubscription(String id, String url, Optional<List<String>> eventTypes,
                                  Optional<List<String>> models, long ownerTeamRowId, String sealedSecret,
                                  String createdBy, Instant createdAt) {
    }

    public void insert(Handle handle, NewSubscription s) {
        handle.createUpdate("""
                        INSERT INTO webhook_subscriptions (id, url, all_types, all_models, owner_team_id, state, secret,
                                                           created_by, created_at)
                        VALUES (:id, :url, :allTypes, :allModels, :ownerTeamId, 'active', :secret, :createdBy,
                                :createdAt)""")
                .bind("id", s.id())
                .bind("url", s.url())
                .bind("allTypes", s.eventTypes().isEmpty())
                .bind("allModels", s.models().isEmpty())
                .bind("ownerTeamId", s.ownerTeamRowId() == 0 ? null : s.ownerTeamRowId())
                .bind("secret", s.sealedSecret())
                .bind("createdBy", s.createdBy())
                .bind("createdAt", s.createdAt())
                .execute();
        for (String type : s.eventTypes().orElse(List.of())) {
            handle.createUpdate("INSERT INTO webhook_subscription_types (subscription_id, event_type) VALUES (:id, :t)")
                    .bind("id", s.id()).bind("t", type).execute();
        }
        for (String model : s.models().orElse(List.of())) {
            handle.createUpdate("INSERT INTO webhook_subscription_models (subscription_id, model) VALUES (:id, :m)")
                    .bind("id", s.id()).bind("m", model).execute();
        }
    }

    public Optional<Subscription> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " WHERE s.id = :id")
                .bind("id", id)
                .map(mapper(handle))
                .findOne();
    }

    /**
     * Subscriptions after {@code afterId} in id order; with a principal, only those of teams it is a member of
     * (what a non-admin may see), otherwise all.
     */
    public List<Subscription> page(Handle handle, Optional<Long> memberRowId, String afterId, int limit) {
        String visible = memberRowId.isEmpty() ? ""
                : " AND s.owner_team_id IN (SELECT team_id FROM team_members WHERE principal_id = :principal)";
        return handle.createQuery("SELECT " + COLUMNS + " WHERE s.id > :after" + visible + " ORDER BY s.id LIMIT :limit")
                .bind("after", afterId)
                .bind("principal", memberRowId.orElse(0L))
                .bind("limit", limit)
                .map(mapper(handle))
                .list();
    }

    /** The sealed secrets that sign deliveries now: the current one and, until it expires, the one before. */
    public record SealedSecrets(String current, Optional<String> previous, Optional<Instant> previousUntil) {
    }

    public SealedSecrets secrets(Handle handle, String id) {
        return handle.createQuery("""
                        SELECT secret, previous_secret, previous_secret_until FROM webhook_subscriptions
                        WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new SealedSecrets(rs.getString("secret"),
                        Optional.ofNullable(rs.getString("previous_secret")),
                        Optional.ofNullable(instant(rs, "previous_secret_until", ctx))))
                .one();
    }

    /** The current secret becomes the previous one, still signing until {@code previousUntil}. */
    public void rotate(Handle handle, String id, String sealedSecret, Instant previousUntil) {
        handle.createUpdate("""
                        UPDATE webhook_subscriptions
                        SET previous_secret = secret, previous_secret_until = :until, secret = :secret
                        WHERE id = :id""")
                .bind("id", id)
                .bind("secret", sealedSecret)
                .bind("until", previousUntil)
                .execute();
    }

    /** Marks an active subscription failing; false when it is failing already (or gone). */
    public boolean markFailing(Handle handle, String id, Instant since) {
        return handle.createUpdate("""
                        UPDATE webhook_subscriptions SET state = 'failing', failing_since = :since
                        WHERE id = :id AND state = 'active'""")
                .bind("id", id)
                .bind("since", since)
                .execute() == 1;
    }

    /** Makes a failing subscription active again; false when it was not failing. */
    public boolean enable(Handle handle, String id) {
        return handle.createUpdate("""
                        UPDATE webhook_subscriptions SET state = 'active', failing_since = NULL
                        WHERE id = :id AND state = 'failing'""")
                .bind("id", id)
                .execute() == 1;
    }

    public void delete(Handle handle, String id) {
        handle.createUpdate("DELETE FROM webhook_subscription_types WHERE subscription_id = :id").bind("id", id).execute();
        handle.createUpdate("DELETE FROM webhook_subscription_models WHERE subscription_id = :id").bind("id", id).execute();
        handle.createUpdate("DELETE FROM webhook_subscriptions WHERE id = :id").bind("id", id).execute();
    }

    /** The id of the key that seals the secrets, as recorded at first start. */
    public Optional<String> recordedKeyId(Handle handle) {
        return handle.createQuery("SELECT key_id FROM webhook_secret_key").mapTo(String.class).findOne();
    }

    public void recordKeyId(Handle handle, String keyId, Instant now) {
        handle.createUpdate("INSERT INTO webhook_secret_key (key_id, recorded_at) VALUES (:keyId, :now)")
                .bind("keyId", keyId)
                .bind("now", now)
                .execute();
    }

    private static RowMapper<Subscription> mapper(Handle handle) {
        return (rs, ctx) -> {
            String id = rs.getString("id");
            Optional<List<String>> types = rs.getBoolean("all_types") ? Optional.empty()
                    : Optional.of(filter(handle, "SELECT event_type FROM webhook_subscription_types", id));
            Optional<List<String>> models = rs.getBoolean("all_models") ? Optional.empty()
                    : Optional.of(filter(handle, "SELECT model FROM webhook_subscription_models", id));
            return new Subscription(id, rs.getString("url"), types, models, rs.getLong("owner_team_id"),
                    Optional.ofNullable(rs.getString("owner")), SubscriptionState.fromWire(rs.getString("state")),
                    rs.getString("created_by"), instant(rs, "created_at", ctx),
                    Optional.ofNullable(instant(rs, "failing_since", ctx)),
                    Optional.ofNullable(instant(rs, "previous_secret_until", ctx)));
        };
    }

    private static List<String> filter(Handle handle, String select, String id) {
        return handle.createQuery(select + " WHERE subscription_id = :id ORDER BY 1").bind("id", id)
                .mapTo(String.class).list();
    }

    static Instant instant(ResultSet rs, String column, StatementContext ctx) throws SQLException {
        return ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, column, ctx);
    }
}
