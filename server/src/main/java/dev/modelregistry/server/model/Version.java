package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A registered version with its whole lineage. {@code modelId} is the public {@code name@date-rN}; {@code rowId} the
 * row id other tables refer to. JSON-valued fields are kept as the text that was stored, which is exactly what the
 * registrant sent (re-serialised once), so reads return what was registered.
 */
public record Version(long rowId, ModelId modelId, ModelName model, VersionStatus status, Instant readyAt,
                      LineageHash lineageHash, String codeCommit, String featureGraphHash, DataWindow dataWindow,
                      String hyperparamsJson, List<ModelId> parents, String trainingDistributionJson,
                      String labelsJson, Evaluation evaluation, String owner, String registeredBy,
                      Instant registeredAt) {
    /** The order parents are listed in: by their model_id text. */
    public static final Comparator<ModelId> PARENT_ORDER = Comparator.comparing(ModelId::toString);

    /** The evaluation report a version says it will be promoted on, if it named one. */
    public record Evaluation(String reportId, String objective) {
    }

    public Version {
        parents = List.copyOf(parents);
    }

    public Version withParents(List<ModelId> parentIds) {
        return new Version(rowId, modelId, model, status, readyAt, lineageHash, codeCommit, featureGraphHash, dataWindow,
                hyperparamsJson, parentIds, trainingDistributionJson, labelsJson, evaluation, owner, registeredBy,
                registeredAt);
    }

    public boolean sealed() {
        return readyAt != null;
    }
}
