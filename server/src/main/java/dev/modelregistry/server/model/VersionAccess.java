package dev.modelregistry.server.model;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionRef;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.team.TeamService;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the features that hang off a version (artifacts, evaluations, deployment, lineage) may ask of it: finding it,
 * checking who may change it, sealing, and its lifecycle status. All methods run inside the caller's transaction;
 * none of those features touches the version tables itself.
 */
public final class VersionAccess {
    private final ModelStore models;
    private final VersionStore versions;
    private final TeamService teams;
    private final ModelService modelService;
    private final VersionLookup lookup;

    public VersionAccess(ModelStore models, VersionStore versions, TeamService teams, ModelService modelService) {
        this.models = models;
        this.versions = versions;
        this.teams = teams;
        this.modelService = modelService;
        this.lookup = new VersionLookup(models, versions);
    }

    /**
     * The version {@code ref} names under model {@code model}, an alias resolved in this transaction; 404 when there
     * is none, or the reference names another model.
     */
    public Version require(Handle handle, ModelName model, VersionRef ref) {
        return lookup.require(handle, model, ref);
    }

    /** The version with this model_id, whatever its model. */
    public Optional<Version> find(Handle handle, ModelId modelId) {
        return versions.find(handle, modelId);
    }

    /** The row ids of those of the given model_ids that are registered. */
    public Map<ModelId, Long> rowIds(Handle handle, Collection<ModelId> modelIds) {
        return versions.rowIds(handle, modelIds);
    }

    /**
     * Only members of the owning team, or an admin, change a version (its artifacts, its seal); on an orphan only an
     * admin does, until the model is reassigned. {@code change} names the change in a refusal.
     */
    public void requireMayChange(Handle handle, Caller caller, Version version, String change) {
        Model model = models.findByName(handle, version.model()).orElseThrow();
        if (!caller.admin() && !teams.isMember(handle, model.ownerTeamRowId(), caller.principalRowId())) {
            throw new RegistryException(ErrorCode.NOT_TEAM_MEMBER,
                    caller.name() + " is not a member of " + model.owner() + ", which owns " + version.model());
        }
        modelService.requireAccountableUnlessAdmin(handle, caller, model, change);
    }

    /**
     * Takes the version row's lock if the version is not sealed, and refuses otherwise: a concurrent seal waits for
     * this transaction, so no artifact can change after {@code ready_at} is set.
     */
    public void lockUnsealed(Handle handle, Version version) {
        if (!versions.lockUnsealed(handle, version.rowId())) {
            throw sealed(version);
        }
    }

    /** Seals the version now; returns the sealed version, or empty when it was already sealed. */
    public Optional<Version> seal(Handle handle, Version version, Instant at) {
        if (!versions.seal(handle, version.rowId(), at)) {
            return Optional.empty();
        }
        return versions.find(handle, version.modelId());
    }

    public void setStatus(Handle handle, long versionRowId, VersionStatus status) {
        versions.setStatus(handle, versionRowId, status);
    }

    /** The versions an ensemble consumes that are rejected. */
    public List<ModelId> rejectedParents(Handle handle, Version version) {
        return versions.rejectedParents(handle, version.rowId());
    }

    public static RegistryException sealed(Version version) {
        return new RegistryException(ErrorCode.VERSION_SEALED,
                version.modelId() + " was sealed at " + version.readyAt() + "; its artifacts can no longer change");
    }
}
