package dev.modelregistry.server.model;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.LineageIdentity;
import dev.modelregistry.core.identity.LineageInput;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionRef;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.team.Team;
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
 * Version registration and reading: owner checks, lineage identity, idempotent re-registration and model_id
 * allocation, each registration in one transaction with its audit entries.
 */
public final class RegistrationService {
    private final Database database;
    private final ModelService models;
    private final ModelStore modelStore;
    private final VersionStore versions;
    private final VersionLookup lookup;
    private final VersionSearchStore searches;
    private final AuditLog audit;
    private final Clock clock;

    public RegistrationService(Database database, ModelService models, ModelStore modelStore, VersionStore versions,
                               VersionSearchStore searches, AuditLog audit, Clock clock) {
        this.database = database;
        this.models = models;
        this.modelStore = modelStore;
        this.versions = versions;
        this.lookup = new VersionLookup(modelStore, versions);
        this.searches = searches;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome of a registration: the version, and whether this call created it (201) or found it (200). */
    public record Registered(Version version, boolean created) {
    }

    /** The version a model_id or alias names; 404 for an unknown model, version, or an alias naming none now. */
    public Version getVersion(ModelName model, VersionRef ref) {
        return database.withHandle(handle -> {
            models.requireModel(handle, model);
            return lookup.require(handle, model, ref);
        });
    }

    /**
     * The versions of {@code model} that match {@code search}, in registration order, after the version
     * {@code afterModelId}; 404 when there is no such model.
     */
    public List<Version> pageVersions(ModelName model, VersionSearch search, Optional<String> afterModelId,
                                      int limit) {
        return database.withHandle(handle -> {
            models.requireModel(handle, model);
            return versions.withParents(handle, searches.search(handle, search.of(model), afterModelId, limit));
        });
    }

    /** Every model's versions that match {@code search}, in registration order, after {@code afterModelId}. */
    public List<Version> searchVersions(VersionSearch search, Optional<String> afterModelId, int limit) {
        return database.withHandle(handle ->
                versions.withParents(handle, searches.search(handle, search, afterModelId, limit)));
    }

    public Registered register(Caller caller, ModelName model, Registration registration) {
        try {
            return database.inTransaction(handle -> registerIn(handle, caller, model, registration));
        } catch (RuntimeException e) {
            // Two identical registrations raced and the other one committed first: ours now finds it.
            if (database.isUniqueViolation(e)) {
                return database.inTransaction(handle -> registerIn(handle, caller, model, registration));
            }
            throw e;
        }
    }

    private Registered registerIn(Handle handle, Caller caller, ModelName modelName, Registration registration) {
        Owned owned = modelForRegistration(handle, caller, modelName, registration.owner());
        Model model = owned.model();
        List<Version> parents = resolveParents(handle, registration.parents());
        LineageHash lineage = LineageIdentity.hash(new LineageInput(registration.codeCommit(),
                registration.dataWindow(), registration.featureGraphHash(), registration.hyperparams().orElse(null),
                parents.stream().map(Version::lineageHash).toList()));
        Optional<Version> existing = versions.findByLineage(handle, model.rowId(), lineage);
        if (existing.isPresent()) {
            return new Registered(existing.get(), false);
        }
        Instant now = Times.truncate(clock.instant());
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        ModelId modelId = new ModelId(modelName, day, modelStore.nextRevision(handle, model.rowId(), day.toString()));
        String hyperparams = Json.write(registration.hyperparams().orElseGet(Json::object));
        String trainingDistribution = registration.trainingDistribution().map(Json::write).orElse(null);
        String labels = Json.write(Json.MAPPER.valueToTree(new TreeMap<>(registration.labels())));
        long rowId = versions.insert(handle, new VersionStore.NewVersion(model.rowId(), modelId, lineage,
                registration, hyperparams, trainingDistribution, labels, caller.principalRowId(), now));
        versions.insertLabels(handle, model.rowId(), rowId, registration.labels());
        for (Version parent : parents) {
            versions.insertParent(handle, rowId, parent.rowId());
        }
        // Only a version from the owner team counts against deprecation; an admin stepping in does not.
        if (owned.byMember()) {
            modelStore.recordOwnerActivity(handle, model.rowId(), now);
        }
        // Built from what was just written rather than read back: one round trip less on the hot path.
        Version version = new Version(rowId, modelId, modelName, VersionStatus.CANDIDATE, null, lineage,
                registration.codeCommit(), registration.featureGraphHash(), registration.dataWindow(), hyperparams,
                parents.stream().map(Version::modelId).sorted(Version.PARENT_ORDER).toList(), trainingDistribution,
                labels, registration.evaluation().orElse(null), model.owner(), caller.name(), now);
        audit.append(handle, caller, AuditEvent.created(AuditLog.modelChain(modelName), "version.registered",
                "version:" + modelId, version));
        return new Registered(version, true);
    }

    /** The model a version is registered under, and whether the caller is a member of its owner team. */
    private record Owned(Model model, boolean byMember) {
    }

    /**
     * The model to register under, created by its first version. The owner must be named for a first version
     * and, when named later, must be the model's owner; only the owner team's members (or an admin) register.
     */
    private Owned modelForRegistration(Handle handle, Caller caller, ModelName modelName, Optional<String> owner) {
        Optional<Model> found = modelStore.findByName(handle, modelName);
        if (found.isPresent()) {
            Model model = found.get();
            if (owner.isPresent() && !owner.get().equals(model.owner())) {
                throw new RegistryException(ErrorCode.OWNER_MISMATCH,
                        "model " + modelName + " is owned by " + model.owner() + ", not " + owner.get());
            }
            boolean member = models.requireMember(handle, caller, model.ownerTeamRowId(), model.owner());
            models.requireAccountableUnlessAdmin(handle, caller, model, "register versions");
            return new Owned(model, member);
        }
        if (owner.isEmpty()) {
            throw RegistryException.invalid("owner", "is required for the first version of a model");
        }
        Team team = models.ownerTeam(handle, owner.get());
        boolean member = models.requireMember(handle, caller, team.rowId(), team.name());
        if (modelStore.insertIfAbsent(handle, modelName, team.rowId(), null, caller.principalRowId(),
                Times.truncate(clock.instant()))) {
            Model created = modelStore.findByName(handle, modelName).orElseThrow();
            audit.append(handle, caller, AuditEvent.created(AuditLog.modelChain(modelName), "model.created",
                    "model:" + modelName, created));
            return new Owned(created, member);
        }
        // Another registration created the model in the meantime; check against it as if it had been there.
        return modelForRegistration(handle, caller, modelName, owner);
    }

    private List<Version> resolveParents(Handle handle, List<ModelId> parentIds) {
        List<Version> parents = new ArrayList<>();
        List<FieldError> missing = new ArrayList<>();
        for (int i = 0; i < parentIds.size(); i++) {
            Optional<Version> parent = versions.find(handle, parentIds.get(i));
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
}
