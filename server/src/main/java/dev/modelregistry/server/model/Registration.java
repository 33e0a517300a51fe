package dev.modelregistry.server.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.ModelId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated registration request body. */
public record Registration(String codeCommit, String featureGraphHash, DataWindow dataWindow, Optional<String> owner,
                           Optional<Version.Evaluation> evaluation, Optional<ObjectNode> hyperparams,
                           List<ModelId> parents, Optional<ObjectNode> trainingDistribution,
                           Map<String, String> labels) {
    public Registration {
        parents = List.copyOf(parents);
        labels = Map.copyOf(labels);
    }
}
