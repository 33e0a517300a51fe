package dev.modelregistry.core.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What a version's lineage hash covers. A missing hyperparams object hashes as {@code {}}. */
public record LineageInput(String codeCommit, DataWindow dataWindow, String featureGraphHash,
                           ObjectNode hyperparams, List<LineageHash> parents) {
    public LineageInput {
        Hex.require("code_commit", codeCommit, 7, 64);
        Hex.require("feature_graph_hash", featureGraphHash, 7, 128);
        hyperparams = hyperparams == null ? JsonNodeFactory.instance.objectNode() : hyperparams.deepCopy();
        parents = List.copyOf(parents);
    }
}
