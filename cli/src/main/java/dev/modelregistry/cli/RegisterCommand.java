package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.Registration;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code modelreg register}: registers a version from flags or from a complete body in a file. */
@Command(name = "register", sortOptions = false,
        description = {"Register a version of MODEL. Registering a lineage the model already has returns the "
                + "existing version.", "Give the lineage as flags, or a complete registration body with --file."})
final class RegisterCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model name")
    private String model;

    @Option(names = "--file", paramLabel = "BODY.json", description = "A complete registration body (no other lineage flags)")
    private Path file;

    @Option(names = "--commit", paramLabel = "HEX", description = "code_commit: the training code's commit")
    private String commit;

    @Option(names = "--feature-graph", paramLabel = "HEX", description = "feature_graph_hash")
    private String featureGraph;

    @Option(names = "--window", arity = "2", paramLabel = "DATE",
            description = "data_window START END (YYYY-MM-DD or RFC 3339 timestamps)")
    private List<String> window;

    @Option(names = "--owner", paramLabel = "TEAM", description = "Owning team (required for a model's first version)")
    private String owner;

    @Option(names = "--hyperparams", paramLabel = "JSON|@FILE", description = "Hyper-parameters: a JSON object")
    private String hyperparams;

    @Option(names = "--parent", paramLabel = "MODEL_ID", description = "An upstream version this one consumes (repeatable)")
    private List<String> parents = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label (repeatable)")
    private Map<String, String> labels;

    @Option(names = "--report-id", paramLabel = "ID", description = "Evaluation report to promote on (with --objective)")
    private String reportId;

    @Option(names = "--objective", paramLabel = "NAME", description = "Objective of that report (with --report-id)")
    private String objective;

    @Option(names = "--training-distribution", paramLabel = "JSON|@FILE",
            description = "Summary of the training data: a JSON object")
    private String trainingDistribution;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Makes a retry of this exact registration safe: the first answer is replayed")
    private String idempotencyKey;

    @Override
    public Integer call() {
        ObjectNode body = body();
        try (RegistryClient registry = client.connect()) {
            Registration registration = registry.registerVersion(model, body, idempotencyKey);
            print(registration, client.output());
        }
        return 0;
    }

    /** The registration body, in the exact shape of the API; only the fields given are sent. */
    ObjectNode body() {
        InputFiles input = new InputFiles(spec.commandLine());
        if (file != null) {
            requireNoLineageFlags();
            return input.jsonObject("--file", "@" + file);
        }
        requireLineage();
        ObjectNode body = JSON.createObjectNode()
                .put("code_commit", commit)
                .put("feature_graph_hash", featureGraph);
        body.putArray("data_window").add(window.get(0)).add(window.get(1));
        if (owner != null) {
            body.put("owner", owner);
        }
        if (hyperparams != null) {
            body.set("hyperparams", input.jsonObject("--hyperparams", hyperparams));
        }
        if (!parents.isEmpty()) {
            parents.forEach(body.putArray("parents")::add);
        }
        if (trainingDistribution != null) {
            body.set("training_distribution", input.jsonObject("--training-distribution", trainingDistribution));
        }
        if (labels != null) {
            ObjectNode labelNode = body.putObject("labels");
            labels.forEach(labelNode::put);
        }
        if (reportId != null) {
            body.putObject("evaluation").put("report_id", reportId).put("objective", objective);
        }
        return body;
    }

    private void requireLineage() {
        List<String> missing = new ArrayList<>();
        if (commit == null) {
            missing.add("--commit");
        }
        if (featureGraph == null) {
            missing.add("--feature-graph");
        }
        if (window == null) {
            missing.add("--window");
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "missing " + String.join(", ", missing) + " (or give a complete body with --file)");
        }
        if ((reportId == null) != (objective == null)) {
            throw new ParameterException(spec.commandLine(), "--report-id and --objective go together");
        }
    }

    private void requireNoLineageFlags() {
        boolean anyFlag = commit != null || featureGraph != null || window != null || owner != null
                || hyperparams != null || !parents.isEmpty() || labels != null || reportId != null
                || objective != null || trainingDistribution != null;
        if (anyFlag) {
            throw new ParameterException(spec.commandLine(), "--file holds the whole body; drop the other lineage flags");
        }
    }

    private void print(Registration registration, Output output) {
        if (output.json()) {
            // stdout stays the raw version document; whether it is new goes to stderr for the human watching.
            output.json(registration.version());
            spec.commandLine().getErr().println(registration.created() ? "new version" : "existing version");
            spec.commandLine().getErr().flush();
            return;
        }
        ObjectNode summary = JSON.createObjectNode()
                .put("model_id", registration.modelId())
                .put("registration", registration.created()
                        ? "new version"
                        : "existing version (this lineage was already registered)")
                .put("lineage_hash", registration.lineageHash())
                .put("status", registration.version().path("status").asText(Output.ABSENT));
        output.fields(summary);
    }
}
