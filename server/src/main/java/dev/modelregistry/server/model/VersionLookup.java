package dev.modelregistry.server.model;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionAlias;
import dev.modelregistry.core.identity.VersionRef;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Finds the version a request names, by model_id or by alias, in the caller's transaction: a promotion by
 * {@code @canary} resolves the alias under the same lock as the promotion, so it acts on the version the alias named
 * when it ran, never on one a concurrent change put there in between.
 */
final class VersionLookup {
    private final ModelStore models;
    private final VersionStore versions;

    VersionLookup(ModelStore models, VersionStore versions) {
        this.models = models;
        this.versions = versions;
    }

    /** The version {@code ref} names under model {@code model}; 404 when there is none, saying why for an alias. */
    Version require(Handle handle, ModelName model, VersionRef ref) {
        if (!ref.model().equals(model)) {
            throw notFound(model, ref);
        }
        return switch (ref) {
            case ModelId modelId -> versions.find(handle, modelId).orElseThrow(() -> notFound(model, ref));
            case VersionAlias alias -> resolve(handle, alias);
        };
    }

    private Version resolve(Handle handle, VersionAlias alias) {
        long modelRowId = models.findByName(handle, alias.model())
                .orElseThrow(() -> RegistryException.notFound("model " + alias.model())).rowId();
        Optional<Version> named = switch (alias.kind()) {
            case PRODUCTION -> versions.findByStatus(handle, modelRowId, VersionStatus.PRODUCTION);
            case CANARY -> versions.findByStatus(handle, modelRowId, VersionStatus.CANARY);
            case LATEST -> versions.findLatest(handle, modelRowId);
        };
        return named.orElseThrow(() -> new RegistryException(ErrorCode.NOT_FOUND, alias + " names no version: "
                + alias.model() + (alias.kind() == VersionAlias.Kind.LATEST ? " has no versions yet"
                : " has no " + alias.kind().wire() + " version now")));
    }

    private static RegistryException notFound(ModelName model, VersionRef ref) {
        return RegistryException.notFound("version " + ref + " of model " + model);
    }
}
