package dev.modelregistry.server.model;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.LineageIdentity;
import dev.modelregistry.core.identity.LineageInput;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.ownership.Health;
import dev.modelregistry.server.ownership.HealthStore;
import dev.modelregistry.server.team.Team;
import dev.modelregistry.server.team.TeamStore;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Models and version registration: owner checks, lineage identity, idempotent re-registration and model_id
 * allocation, each registration in one transaction with its audit entries.
 */
public final class ModelService {
    private final Database database;
    private final ModelStore models;
    private final VersionStore versions;
    private final TeamStore teams;
    private final AuditLog audit;
    private final HealthStore health;
    private final Clock clock;

    public ModelService(Database database, ModelStore models, VersionStore versions, TeamStore teams, AuditLog audit,
                        HealthStore health, Clock clock) {
        this.database = database;
        this.models = models;
        this.versions = versions;
        this.teams = teams;
        this.audit = audit;
        this.health = health;
        this.clock = clock;
    }

    /** The outcome of a registration: the version, and whether this call created it (201) or found it (200). */
    public record Registered(Version version, boolean created) {
    }

    public Model createModel(Caller caller, String name, String owner, Optional<String> description) {
        return database.inTransaction(handle -> {
            Team team = ownerTeam(handle, owner);
            requireMember(handle, caller, team.id(), team.name());
            if (!models.insertIfAbsent(handle, name, team.id(), description.orElse(null), caller.principalId(), now())) {
                throw new RegistryException(ErrorCode.ALREADY_EXISTS, "model " + name + " already exists");
            }
            Model model = models.findByName(handle, name).orElseThrow();
            audit.append(handle, caller, AuditLog.modelChain(name), "model.created", "model:" + name, null, model.toJson());
            return model;
        });
    }

    public Model getModel(String name) {
        return database.withHandle(handle -> requireModel(handle, name));
    }

    public List<Model> pageModels(String afterName, int limit) {
        return database.withHandle(handle -> models.page(handle, afterName, limit));
    }

    public Version getVersion(String modelName, String versionId) {
        return database.withHandle(handle -> {
            requireModel(handle, modelName);
            return versions.findByVersionId(handle, versionId)
                    .filter(v -> v.model().equals(modelName))
                    .orElseThrow(() -> RegistryException.notFound("version " + versionId + " of model " + modelName));
        });
    }

    public List<Version> pageVersions(String modelName, Optional<String> afterVersionId, int limit) {
        return database.withHandle(handle ->
                versions.page(handle, requireModel(handle, modelName).id(), afterVersionId, limit));
    }

    public Registered register(Caller caller, String modelName, Registration registration) {
        try {
            return database.inTransaction(handle -> registerIn(handle, caller, modelName, registration));
        } catch (RuntimeException e) {
            // Two identical registrations raced and the other one committed first: ours now finds it.
            if (database.isUniqueViolation(e)) {
                return database.inTransaction(handle -> registerIn(handle, caller, modelName, registration));
            }
            throw e;
        }
    }

    private Registered registerIn(Handle handle, Caller caller, String modelName, Registration registration) {
        Model model = modelForRegistration(handle, caller, modelName, registration.owner());
        List<Version> parents = resolveParents(handle, registration.parents());
        LineageHash lineage = LineageIdentity.hash(new LineageInput(registration.codeCommit(),
                registration.dataWindow(), registration.featureGraphHash(), registration.hyperparams().orElse(null),
                parents.stream().map(p -> new LineageHash(p.lineageHash())).toList()));
        Optional<Version> existing = versions.findByLineage(handle, model.id(), lineage.value());
        if (existing.isPresent()) {
            return new Registered(existing.get(), false);
        }
        Instant now = now();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int revision = models.nextRevision(handle, model.id(), day.toString());
        String versionId = new ModelId(new ModelName(modelName), day, revision).toString();
        String hyperparams = Json.write(registration.hyperparams().orElseGet(Json::object));
        String trainingDistribution = registration.trainingDistribution().map(Json::write).orElse(null);
        String labels = Json.write(Json.MAPPER.valueToTree(new TreeMap<>(registration.labels())));
        long id = versions.insert(handle, new VersionStore.NewVersion(model.id(), versionId, lineage.value(),
                registration, hyperparams, trainingDistribution, labels, caller.principalId(), now));
        for (Version parent : parents) {
            versions.insertParent(handle, id, parent.id());
        }
        // Only a version from the owner team counts against deprecation; an admin stepping in does not.
        if (teams.isMember(handle, model.ownerTeamId(), caller.principalId())) {
            models.recordOwnerActivity(handle, model.id(), now);
        }
        // Built from what was just written rather than read back: one round trip less on the hot path.
        Version version = new Version(id, versionId, modelName, VersionStatus.CANDIDATE, null, lineage.value(),
                registration.codeCommit(), registration.featureGraphHash(), registration.dataWindow(), hyperparams,
                parents.stream().map(Version::modelId).sorted().toList(), trainingDistribution, labels,
                registration.evaluation().orElse(null), model.owner(), caller.name(), now);
        audit.append(handle, caller, AuditLog.modelChain(modelName), "version.registered", "version:" + versionId,
                null, version.toJson());
        return new Registered(version, true);
    }

    /**
     * The model to register under, created by its first version. The owner must be named for a first version
     * and, when named later, must be the model's owner; only the owner team's members (or an admin) register.
     */
    private Model modelForRegistration(Handle handle, Caller caller, String modelName, Optional<String> owner) {
        Optional<Model> found = models.findByName(handle, modelName);
        if (found.isPresent()) {
            Model model = found.get();
            if (owner.isPresent() && !owner.get().equals(model.owner())) {
                throw new RegistryException(ErrorCode.OWNER_MISMATCH,
                        "model " + modelName + " is owned by " + model.owner() + ", not " + owner.get());
            }
            requireMember(handle, caller, model.ownerTeamId(), model.owner());
            if (!caller.admin() && health.of(handle, model.id(), clock.instant()).map(h -> h.state() == Health.ORPHAN).orElse(false)) {
                throw new RegistryException(ErrorCode.ORPHAN_NEEDS_ADMIN,
                        modelName + " is an orphan; an admin must reassign it (or register) before its team can");
            }
            return model;
        }
        if (owner.isEmpty()) {
            throw RegistryException.invalid("owner", "is required for the first version of a model");
        }
        Team team = ownerTeam(handle, owner.get());
        requireMember(handle, caller, team.id(), team.name());
        if (models.insertIfAbsent(handle, modelName, team.id(), null, caller.principalId(), now())) {
            Model created = models.findByName(handle, modelName).orElseThrow();
            audit.append(handle, caller, AuditLog.modelChain(modelName), "model.created", "model:" + modelName,
                    null, created.toJson());
            return created;
        }
        // Another registration created the model in the meantime; check against it as if it had been there.
        return modelForRegistration(handle, caller, modelName, owner);
    }

    private List<Version> resolveParents(Handle handle, List<ModelId> parentIds) {
        List<Version> parents = new ArrayList<>();
        List<FieldError> missing = new ArrayList<>();
        for (int i = 0; i < parentIds.size(); i++) {
            Optional<Version> parent = versions.findByVersionId(handle, parentIds.get(i).toString());
            if (parent.isPresent()) {
                parents.add(parent.get());
            } else {
                missing.add(new FieldError("parents[" + i + "]", "no version " + parentIds.get(i) + " is registered"));
            }
        }
        if (!missing.isEmpty()) {
            throw new RegistryException(ErrorCode.VALIDATION_FAILED, "parents name unregistered versions", missing);
        }
        return parents;
    }

    private Team ownerTeam(Handle handle, String owner) {
        return teams.findByName(handle, owner)
                .orElseThrow(() -> RegistryException.invalid("owner", "no team named " + owner + " exists"));
    }

    private void requireMember(Handle handle, Caller caller, long teamId, String teamName) {
        if (!caller.admin() && !teams.isMember(handle, teamId, caller.principalId())) {
            throw new RegistryException(ErrorCode.NOT_TEAM_MEMBER,
                    caller.name() + " is not a member of " + teamName + ", which owns this model");
        }
    }

    private Model requireModel(Handle handle, String name) {
        return models.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("model " + name));
    }

    private Instant now() {
        return Times.truncate(clock.instant());
    }
}
