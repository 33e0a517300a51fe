package dev.modelregistry.server.model;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.team.Team;
import dev.modelregistry.server.team.TeamService;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Models, their owner and their health. Other features (deployment, ownership) change a model only through the
 * in-transaction methods here, never through the models table.
 */
public final class ModelService {
    private final Database database;
    private final ModelStore models;
    private final HealthStore health;
    private final ModelSearchStore searches;
    private final TeamService teams;
    private final AuditLog audit;
    private final Clock clock;

    public ModelService(Database database, ModelStore models, HealthStore health, ModelSearchStore searches,
                        TeamService teams, AuditLog audit, Clock clock) {
        this.database = database;
        this.models = models;
        this.health = health;
        this.searches = searches;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    public Model createModel(Caller caller, ModelName name, String owner, Optional<String> description) {
        return database.inTransaction(handle -> {
            Team team = ownerTeam(handle, owner);
            requireMember(handle, caller, team.rowId(), team.name());
            if (!models.insertIfAbsent(handle, name, team.rowId(), description.orElse(null), caller.principalRowId(),
                    Times.truncate(clock.instant()))) {
                throw new RegistryException(ErrorCode.ALREADY_EXISTS, "model " + name + " already exists");
            }
            Model model = models.findByName(handle, name).orElseThrow();
            audit.append(handle, caller, AuditEvent.created(AuditLog.modelChain(name), "model.created", "model:" + name, model));
            return model;
        });
    }

    /** The model with its health now. */
    public ModelView view(ModelName name) {
        return database.withHandle(handle -> {
            Model model = requireModel(handle, name);
            return new ModelView(model, health(handle, model));
        });
    }

    /** The health of the models in a given state, by name, after {@code afterName}. */
    public List<ModelHealth> healthPage(Health state, String afterName, int limit) {
        return database.withHandle(handle -> health.page(handle, state, afterName, limit, clock.instant()));
    }

    /** The models matching {@code search} with their health now, by name, after {@code afterName}. */
    public List<ModelView> search(ModelSearch search, String afterName, int limit) {
        return database.withHandle(handle -> searches.search(handle, search, afterName, limit, clock.instant()));
    }

    /** The model named {@code name}, in the caller's transaction; 404 when there is none. */
    public Model requireModel(Handle handle, ModelName name) {
        return models.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("model " + name));
    }

    /** The model's health now, in the caller's transaction. */
    public ModelHealth health(Handle handle, Model model) {
        return health.of(handle, model.rowId(), clock.instant()).orElseThrow();
    }

    /**
     * An orphan has no accountable team: until an admin reassigns it, only an admin registers, uploads, seals or rolls
     * back (403 {@code orphan-needs-admin}); {@code change} names what was refused.
     */
    public void requireAccountableUnlessAdmin(Handle handle, Caller caller, Model model, String change) {
        if (caller.admin()) {
            return;
        }
        ModelHealth now = health(handle, model);
        if (now.state() == Health.ORPHAN) {
            throw new RegistryException(ErrorCode.ORPHAN_NEEDS_ADMIN, model.name() + " is an orphan (" + now.reason()
                    + "); only an admin may " + change + " until an admin reassigns it");
        }
    }

    /** Serialises changes of this model's deployment across instances until the transaction ends. */
    public void lockForChange(Handle handle, Model model) {
        models.lock(handle, model.rowId());
    }

    /** Gives the model to {@code team}; its deprecation clock restarts at {@code at}. */
    public void changeOwner(Handle handle, Model model, Team team, Instant at) {
        models.changeOwner(handle, model.rowId(), team.rowId(), at);
    }

    public void setDeprecationPolicy(Handle handle, Model model, DeprecationPolicy policy) {
        models.setDeprecationPolicy(handle, model.rowId(), policy);
    }

    /** The owner team named in a request; an unknown one is a 400 on the field {@code owner}. */
    Team ownerTeam(Handle handle, String owner) {
        return teams.find(handle, owner)
                .orElseThrow(() -> RegistryException.invalid("owner", "no team named " + owner + " exists"));
    }

    /**
     * Only members of the owner team, or an admin, create a model or register its versions. Returns whether the
     * caller is a member (an admin may not be), which registration needs again.
     */
    boolean requireMember(Handle handle, Caller caller, long teamRowId, String teamName) {
        boolean member = teams.isMember(handle, teamRowId, caller.principalRowId());
        if (!caller.admin() && !member) {
            throw new RegistryException(ErrorCode.NOT_TEAM_MEMBER,
                    caller.name() + " is not a member of " + teamName + ", which owns this model");
        }
        return member;
    }
}
