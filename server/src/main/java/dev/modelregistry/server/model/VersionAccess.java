package dev.modelregistry.server.model;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.team.TeamStore;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/**
 * Finding a version by its path in the API and checking who may change it, for the features that hang off a
 * version (artifacts now; evaluations and promotion later). All methods run inside the caller's transaction.
 */
public final class VersionAccess {
    private final ModelStore models;
    private final VersionStore versions;
    private final TeamStore teams;

    public VersionAccess(ModelStore models, VersionStore versions, TeamStore teams) {
        this.models = models;
        this.versions = versions;
        this.teams = teams;
    }

    /** The version {@code versionId} of model {@code modelName}; 404 when either does not exist or they do not match. */
    public Version require(Handle handle, String modelName, String versionId) {
        return versions.findByVersionId(handle, versionId)
                .filter(v -> v.model().equals(modelName))
                .orElseThrow(() -> RegistryException.notFound("version " + versionId + " of model " + modelName));
    }

    /** Only members of the owning team, or an admin, change a version. */
    public void requireOwnerMember(Handle handle, Caller caller, Version version) {
        Model model = models.findByName(handle, version.model()).orElseThrow();
        if (!caller.admin() && !teams.isMember(handle, model.ownerTeamId(), caller.principalId())) {
            throw new RegistryException(ErrorCode.NOT_TEAM_MEMBER,
                    caller.name() + " is not a member of " + model.owner() + ", which owns " + version.model());
        }
    }

    /**
     * Takes the version row's lock if the version is not sealed, and refuses otherwise. The no-op UPDATE is
     * how both databases lock a row with the same SQL; a concurrent seal waits for this transaction, so no
     * artifact can change after {@code ready_at} is set.
     */
    public void lockUnsealed(Handle handle, Version version) {
        int unsealed = handle.createUpdate("UPDATE model_versions SET ready_at = NULL WHERE id = :id AND ready_at IS NULL")
                .bind("id", version.id())
                .execute();
        if (unsealed == 0) {
            throw sealed(version);
        }
    }

    /** Sets {@code ready_at}; returns false when the version was already sealed. */
    public boolean seal(Handle handle, Version version, Instant at) {
        return handle.createUpdate("UPDATE model_versions SET ready_at = :at WHERE id = :id AND ready_at IS NULL")
                .bind("at", at)
                .bind("id", version.id())
                .execute() == 1;
    }

    public static RegistryException sealed(Version version) {
        return new RegistryException(ErrorCode.VERSION_SEALED,
                version.modelId() + " was sealed at " + version.readyAt() + "; its artifacts can no longer change");
    }
}
