package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.VersionRef;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.lineage.LineageQueryStore.ChildEdge;
import dev.modelregistry.server.lineage.LineageQueryStore.Found;
import dev.modelregistry.server.lineage.LineageQueryStore.GraphEdge;
import dev.modelregistry.server.lineage.LineageQueryStore.TrainingArtifact;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionAccess;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers "which model produced this trade": a fill or a signal with the emitting version's whole lineage and the
 * deployment at emission, and the ensemble DAG around a version. Reads only; nothing here changes state.
 */
public final class LineageService {
    /** How deep ensembles are followed, in the lineage answers and the graph. */
    public static final int MAX_DEPTH = 32;
    /** A {@code training_distribution.json} artifact larger than this is not inlined (it is not a summary). */
    public static final long MAX_TRAINING_DISTRIBUTION_BYTES = 1024 * 1024;
    /** How many fills a signal's answer lists. */
    public static final int MAX_FILLS = 100;
    /**
     * How many child nodes a lineage answer renders. Children shared by several consumers repeat in the tree, so a
     * deep DAG of shared children could otherwise expand exponentially; past this the answer says it was cut.
     */
    static final int MAX_CHILD_NODES = 10_000;

    /** What a fill or signal id can be: 1–128 visible ASCII characters, as ingest accepts them. */
    private static final java.util.regex.Pattern EVENT_ID =
            java.util.regex.Pattern.compile("^[\\x21-\\x7e]{1," + EventParser.MAX_ID_LENGTH + "}$");

    private final Database database;
    private final LineageQueryStore store;
    private final VersionAccess versions;
    private final ArtifactService artifacts;

    public LineageService(Database database, LineageQueryStore store, VersionAccess versions, ArtifactService artifacts) {
        this.database = database;
        this.store = store;
        this.versions = versions;
        this.artifacts = artifacts;
    }

    /** Whether {@code id} could name a fill or a signal; anything else names none (not found, never an error). */
    public static boolean isEventId(String id) {
        return id != null && EVENT_ID.matcher(id).matches();
    }

    /** The fill's lineage; a fill whose signal has not arrived answers with the fill alone. 404 for an unknown fill. */
    public FillLineage fill(String fillId) {
        Read read = database.withHandle(h -> store.fill(h, fillId).map(f -> new Read(f, descendants(h, f), List.of())))
                .orElseThrow(() -> RegistryException.notFound("fill " + fillId));
        return new FillLineage(read.found().fillBody(), lineage(read));
    }

    /** The signal's lineage and its first {@value #MAX_FILLS} fills. 404 for an unknown signal. */
    public SignalLineage signal(String signalId) {
        Read read = database.withHandle(h -> store.signal(h, signalId)
                        .map(f -> new Read(f, descendants(h, f), store.fillsOf(h, signalId, MAX_FILLS))))
                .orElseThrow(() -> RegistryException.notFound("signal " + signalId));
        return new SignalLineage(lineage(read), read.fills());
    }

    /** The DAG around the version {@code ref} names, {@code depth} (1–{@value #MAX_DEPTH}) edges deep. */
    public LineageGraph graph(ModelName model, VersionRef ref, GraphDirection direction, int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw RegistryException.invalid("depth", "must be a whole number from 1 to " + MAX_DEPTH);
        }
        return database.withHandle(h -> {
            Version root = versions.require(h, model, ref);
            List<GraphEdge> walked = store.graph(h, root.rowId(), direction, depth);
            Map<ModelId, LineageGraph.Node> nodes = new LinkedHashMap<>();
            nodes.put(root.modelId(), new LineageGraph.Node(root.modelId(), root.lineageHash(), root.status(), 0));
            Set<LineageGraph.Edge> edges = new LinkedHashSet<>();
            // Rows come by depth, so the first time a node is met is at its shortest distance.
            for (GraphEdge edge : walked) {
                ModelId reached = direction == GraphDirection.UP ? edge.to() : edge.from();
                nodes.putIfAbsent(reached,
                        new LineageGraph.Node(reached, edge.nodeLineageHash(), edge.nodeStatus(), edge.depth()));
                edges.add(new LineageGraph.Edge(edge.from(), edge.to()));
            }
            return new LineageGraph(root.modelId(), direction, List.copyOf(nodes.values()), List.copyOf(edges));
        });
    }

    /** What the database said about one fill or signal. */
    private record Read(Found found, List<ChildEdge> descendants, List<String> fills) {
    }

    /**
     * The edges below an ensemble, asked for only when the version has children. One level more than is rendered
     * is fetched, so that the deepest rendered children still list all their parents. Edges never change once
     * written, so this second query needs no snapshot shared with the first.
     */
    private List<ChildEdge> descendants(Handle handle, Found found) {
        return found.ensemble() ? store.descendants(handle, found.version().rowId(), MAX_DEPTH + 1) : List.of();
    }

    private Lineage lineage(Read read) {
        Found found = read.found();
        Version version = found.version();
        if (version == null) {
            return new Lineage(found.signalBody(), null, null, null, List.of(), false, null);
        }
        Map<Long, List<Version>> consumed = new HashMap<>();
        for (ChildEdge edge : read.descendants()) {
            consumed.computeIfAbsent(edge.consumerId(), id -> new ArrayList<>()).add(edge.child());
        }
        Budget budget = new Budget(MAX_CHILD_NODES);
        List<Lineage.Child> children = children(version.rowId(), consumed, 1, budget);
        return new Lineage(found.signalBody(), withParents(version, consumed), found.report(),
                trainingDistribution(version, found.trainingArtifact()), children, budget.truncated,
                found.deployed());
    }

    /** How many more child nodes an answer may render, and whether some were left out. */
    private static final class Budget {
        private int remaining;
        private boolean truncated;

        Budget(int remaining) {
            this.remaining = remaining;
        }
    }

    private static List<Lineage.Child> children(long consumerId, Map<Long, List<Version>> consumed, int depth,
                                                Budget budget) {
        List<Version> direct = consumed.getOrDefault(consumerId, List.of());
        if (!direct.isEmpty() && depth > MAX_DEPTH) {
            budget.truncated = true;
            return List.of();
        }
        List<Lineage.Child> children = new ArrayList<>();
        for (Version child : direct) {
            if (budget.remaining == 0) {
                budget.truncated = true;
                break;
            }
            budget.remaining--;
            children.add(new Lineage.Child(withParents(child, consumed),
                    children(child.rowId(), consumed, depth + 1, budget)));
        }
        return children;
    }

    private static Version withParents(Version version, Map<Long, List<Version>> consumed) {
        return version.withParents(consumed.getOrDefault(version.rowId(), List.of()).stream()
                .map(Version::modelId).sorted(Version.PARENT_ORDER).toList());
    }

    /** The summary registered with the version, else the content of its small training-distribution artifact. */
    private JsonNode trainingDistribution(Version version, TrainingArtifact artifact) {
        if (version.trainingDistributionJson() != null) {
            return Json.readStored(version.trainingDistributionJson());
        }
        if (artifact == null || artifact.size() > MAX_TRAINING_DISTRIBUTION_BYTES) {
            return null;
        }
        byte[] content = artifacts.readAtMost(LineageQueryStore.TRAINING_DISTRIBUTION_ARTIFACT, artifact.sha256(),
                (int) MAX_TRAINING_DISTRIBUTION_BYTES);
        try {
            JsonNode summary = Json.MAPPER.readTree(content);
            // Only a JSON object is a summary; anything else uploaded under that name is left out, not an error.
            return summary != null && summary.isObject() ? summary : null;
        } catch (IOException e) {
            return null;
        }
    }
}
