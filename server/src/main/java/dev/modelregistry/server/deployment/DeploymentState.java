package dev.modelregistry.server.deployment;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;

import java.time.Instant;
import java.util.Optional;

/** A model's current split: which version is production, which is canary at what share, and the revision. */
public record DeploymentState(long modelRowId, ModelName model, long revision, Optional<Slot> production,
                              Optional<Slot> canary, Instant updatedAt) {

    /** A version holding a share of the traffic. */
    public record Slot(long versionRowId, ModelId modelId, LineageHash lineageHash, int pct) {
    }

    public static DeploymentState none(long modelRowId, ModelName model) {
        return new DeploymentState(modelRowId, model, 0, Optional.empty(), Optional.empty(), null);
    }
}
