package dev.modelregistry.server.lineage;

import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.model.VersionStatus;

import java.util.List;

/**
 * The ensemble DAG around one version, one way: its nodes (the root at depth 0, every other node at its shortest
 * distance from the root) and its edges, each {@code from} a consumer {@code to} a version it consumes.
 */
public record LineageGraph(ModelId root, GraphDirection direction, List<Node> nodes, List<Edge> edges) {
    /** A version in the graph, {@code depth} edges from the root. */
    public record Node(ModelId modelId, LineageHash lineageHash, VersionStatus status, int depth) {
    }

    /** {@code from} consumes {@code to} (an ensemble and one of its children). */
    public record Edge(ModelId from, ModelId to) {
    }

    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
