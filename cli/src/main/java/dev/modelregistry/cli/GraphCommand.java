package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code modelreg graph}: the ensemble DAG around a version, as an indented tree. */
@Command(name = "graph", sortOptions = false,
        description = {"Show the ensemble graph of the version MODEL_ID as a tree: what it consumes (its children "
                + "in an ensemble), recursively; with --down, the ensembles that consume it.",
                "A version reached along several paths is expanded once and marked (see above) after that."})
final class GraphCommand implements Callable<Integer> {
    private static final int MAX_DEPTH = 32;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION)
    private String modelId;

    @Option(names = "--down", description = "The ensembles that consume MODEL_ID, instead of what it consumes")
    private boolean down;

    @Option(names = "--depth", paramLabel = "N", description = "Follow at most N edges, 1-32 (default: 32)")
    private Integer depth;

    @Override
    public Integer call() {
        if (depth != null && (depth < 1 || depth > MAX_DEPTH)) {
            throw new ParameterException(spec.commandLine(), "--depth must be a whole number from 1 to " + MAX_DEPTH);
        }
        String model = VersionArgument.modelOf(spec.commandLine(), modelId);
        JsonNode graph;
        try (RegistryClient registry = client.connect()) {
            graph = registry.graph(model, modelId, down ? "down" : "up", depth);
        }
        Output output = client.output();
        if (output.json()) {
            output.json(graph);
        } else {
            tree(graph).forEach(output::line);
        }
        return 0;
    }

    /** The graph as lines: the root, then below each version what it leads to in the direction walked. */
    static List<String> tree(JsonNode graph) {
        boolean up = !"down".equals(graph.path("direction").asText());
        Map<String, String> status = new HashMap<>();
        graph.path("nodes").forEach(n -> status.put(n.path("model_id").asText(), n.path("status").asText()));
        Map<String, List<String>> next = new HashMap<>();
        for (JsonNode edge : graph.path("edges")) {
            String from = edge.path(up ? "from" : "to").asText();
            String to = edge.path(up ? "to" : "from").asText();
            next.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
        }
        next.values().forEach(list -> list.sort(String::compareTo));
        List<String> lines = new ArrayList<>();
        String root = graph.path("root").asText();
        lines.add((up ? "what " : "the ensembles that consume ") + root + (up ? " consumes" : "") + ":");
        walk(root, 0, next, status, new HashSet<>(), lines);
        return lines;
    }

    private static void walk(String node, int level, Map<String, List<String>> next, Map<String, String> status,
                             Set<String> expanded, List<String> lines) {
        List<String> below = next.getOrDefault(node, List.of());
        boolean again = !below.isEmpty() && !expanded.add(node);
        String line = "  ".repeat(level + 1) + node + " (" + status.getOrDefault(node, "?") + ")"
                + (again ? " (see above)" : "");
        lines.add(line.replaceAll("\\p{Cntrl}", "?"));
        if (!again) {
            for (String child : below) {
                walk(child, level + 1, next, status, expanded, lines);
            }
        }
    }
}
