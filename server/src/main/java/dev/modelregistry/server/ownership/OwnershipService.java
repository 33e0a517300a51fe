package dev.modelregistry.server.ownership;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.config.OwnershipConfig;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.DeprecationPolicy;
import dev.modelregistry.server.model.Health;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelView;
import dev.modelregistry.server.team.Team;
import dev.modelregistry.server.team.TeamService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Orphans, reassignment and per-model deprecation policies. Health itself is derived by the model feature. */
public final class OwnershipService {
    private final Database database;
    private final ModelService models;
    private final TeamService teams;
    private final OwnershipConfig defaults;
    private final AuditLog audit;
    private final Clock clock;

    public OwnershipService(Database database, ModelService models, TeamService teams, OwnershipConfig defaults,
                            AuditLog audit, Clock clock) {
        this.database = database;
        this.models = models;
        this.teams = teams;
        this.defaults = defaults;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ModelHealth> orphans(String afterName, int limit) {
        return models.healthPage(Health.ORPHAN, afterName, limit);
    }

    /** Gives an orphan (or any model) to another team; its deprecation clock restarts. Admin only (route). */
    public ModelView reassign(Caller caller, ModelName modelName, String owner) {
        return database.inTransaction(handle -> {
            Model model = models.requireModel(handle, modelName);
            Team team = teams.find(handle, owner)
                    .orElseThrow(() -> RegistryException.invalid("owner", "no team named " + owner + " exists"));
            if (team.members().isEmpty()) {
                throw RegistryException.invalid("owner", "team " + owner + " has no members: the model would stay an orphan");
            }
            Instant now = Times.truncate(clock.instant());
            ModelHealth before = models.health(handle, model);
            models.changeOwner(handle, model, team, now);
            Model after = models.requireModel(handle, modelName);
            audit.append(handle, caller, new AuditEvent(AuditLog.modelChain(modelName), "model.reassigned",
                    "model:" + modelName, new OwnerChange(model.owner(), before), new OwnerChange(owner, null)));
            return new ModelView(after, models.health(handle, after));
        });
    }

    /** Sets or clears (empty fields) the model's own thresholds; they must stay ordered warn <= expire <= orphan. */
    public ModelView setPolicy(Caller caller, ModelName modelName, DeprecationPolicy policy) {
        return database.inTransaction(handle -> {
            Model model = models.requireModel(handle, modelName);
            Duration warn = policy.warnAfter().orElse(defaults.warnAfter());
            Duration expire = policy.expireAfter().orElse(defaults.expireAfter());
            Duration orphan = policy.orphanAfter().orElse(defaults.orphanAfter());
            if (expire.compareTo(warn) < 0 || orphan.compareTo(expire) < 0) {
                throw RegistryException.invalid("deprecation_policy", "needs warn_after <= expire_after <= orphan_after");
            }
            models.setDeprecationPolicy(handle, model, policy);
            audit.append(handle, caller, AuditEvent.created(AuditLog.modelChain(modelName), "model.policy_changed",
                    "model:" + modelName, policy));
            return new ModelView(model, models.health(handle, model));
        });
    }
}
