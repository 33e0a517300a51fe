package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.VersionStatus;

import java.util.List;

/**
 * The ensemble DAG around one version, one way: its nodes (the root at depth 0, every other node at its shortest
 * distance from the root) and its edges, each {@code from} a consumer {@code to} a version it consumes.
 */
public record LineageGraph(String root, GraphDirection direction, List<Node> nodes, List<Edge> edges) {
    /** A version in the graph, {@code depth} edges from the root. */
    public record Node(String modelId, String lineageHash, VersionStatus status, int depth) {
    }

    /** {@code from} consumes {@code to} (an ensemble and one of its children). */
    public record Edge(String from, String to) {
    }

    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("root", root).put("direction", direction.wire());
        ArrayNode nodeArray = json.putArray("nodes");
        nodes.forEach(n -> nodeArray.addObject().put("model_id", n.modelId()).put("lineage_hash", n.lineageHash())
                .put("status", n.status().wire()).put("depth", n.depth()));
        ArrayNode edgeArray = json.putArray("edges");
        edges.forEach(e -> edgeArray.addObject().put("from", e.from()).put("to", e.to()));
        return json;
    }
}
