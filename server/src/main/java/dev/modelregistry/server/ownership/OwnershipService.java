package dev.modelregistry.server.ownership;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelStore;
import dev.modelregistry.server.team.Team;
import dev.modelregistry.server.team.TeamStore;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;


/** Orphans, reassignment and per-model deprecation policies. Health itself is derived by {@link HealthStore}. */
public final class OwnershipService {
    private final Database database;
    private final HealthStore health;
    private final ModelStore models;
    private final TeamStore teams;
    private final AuditLog audit;
    private final Clock clock;

    public OwnershipService(Database database, HealthStore health, ModelStore models, TeamStore teams, AuditLog audit,
                            Clock clock) {
        this.database = database;
        this.health = health;
        this.models = models;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    public ModelHealth healthOf(Handle handle, Model model) {
        return health.of(handle, model.id(), clock.instant()).orElseThrow();
    }

    public List<ModelHealth> page(Health state, String afterName, int limit) {
        return database.withHandle(handle -> health.page(handle, state, afterName, limit, clock.instant()));
    }

    /** Gives an orphan (or any model) to another team; its deprecation clock restarts. Admin only (route). */
    public ObjectNode reassign(Caller caller, String modelName, String owner) {
        return database.inTransaction(handle -> {
            Model model = requireModel(handle, modelName);
            Team team = teams.findByName(handle, owner)
                    .orElseThrow(() -> RegistryException.invalid("owner", "no team named " + owner + " exists"));
            if (team.members().isEmpty()) {
                throw RegistryException.invalid("owner", "team " + owner + " has no members: the model would stay an orphan");
            }
            Instant now = Times.truncate(clock.instant());
            ModelHealth before = healthOf(handle, model);
            handle.createUpdate("UPDATE models SET owner_team_id = :team, owner_activity_ms = :ms WHERE id = :id")
                    .bind("team", team.id())
                    .bind("ms", now.toEpochMilli())
                    .bind("id", model.id())
                    .execute();
            Model after = requireModel(handle, modelName);
            audit.append(handle, caller, AuditLog.modelChain(modelName), "model.reassigned", "model:" + modelName,
                    Json.object().put("owner", model.owner()).set("health", before.toJson()),
                    Json.object().put("owner", owner));
            return withHealth(handle, after);
        });
    }

    /** Sets or clears (null fields) the model's own thresholds; they must stay ordered warn <= expire <= orphan. */
    public ObjectNode setPolicy(Caller caller, String modelName, DeprecationPolicy policy, OwnershipDefaults defaults) {
        return database.inTransaction(handle -> {
            Model model = requireModel(handle, modelName);
            Duration warn = policy.warnAfter().orElse(defaults.warn());
            Duration expire = policy.expireAfter().orElse(defaults.expire());
            Duration orphan = policy.orphanAfter().orElse(defaults.orphan());
            if (expire.compareTo(warn) < 0 || orphan.compareTo(expire) < 0) {
                throw RegistryException.invalid("deprecation_policy", "needs warn_after <= expire_after <= orphan_after");
            }
            handle.createUpdate("""
                            UPDATE models SET warn_after_ms = :warn, expire_after_ms = :expire, orphan_after_ms = :orphan
                            WHERE id = :id""")
                    .bind("warn", policy.warnAfter().map(Duration::toMillis).orElse(null))
                    .bind("expire", policy.expireAfter().map(Duration::toMillis).orElse(null))
                    .bind("orphan", policy.orphanAfter().map(Duration::toMillis).orElse(null))
                    .bind("id", model.id())
                    .execute();
            ObjectNode policyJson = Json.object();
            policy.warnAfter().ifPresentOrElse(d -> policyJson.put("warn_after", d.toString()), () -> policyJson.putNull("warn_after"));
            policy.expireAfter().ifPresentOrElse(d -> policyJson.put("expire_after", d.toString()), () -> policyJson.putNull("expire_after"));
            policy.orphanAfter().ifPresentOrElse(d -> policyJson.put("orphan_after", d.toString()), () -> policyJson.putNull("orphan_after"));
            audit.append(handle, caller, AuditLog.modelChain(modelName), "model.policy_changed", "model:" + modelName,
                    null, policyJson);
            return withHealth(handle, model);
        });
    }

    /** The global thresholds, for validating a per-model override against them. */
    public record OwnershipDefaults(Duration warn, Duration expire, Duration orphan) {
    }

    public ObjectNode modelJson(String modelName) {
        return database.withHandle(handle -> withHealth(handle, requireModel(handle, modelName)));
    }

    public ObjectNode withHealth(Handle handle, Model model) {
        ObjectNode json = model.toJson();
        json.set("health", healthOf(handle, model).toJson());
        return json;
    }

    private Model requireModel(Handle handle, String name) {
        return models.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("model " + name));
    }
}
