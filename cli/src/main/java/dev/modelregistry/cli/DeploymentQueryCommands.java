package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The verbs that ask about deployments without changing one: {@code readiness} (every promotion gate of a version)
 * and {@code deployments} (every model's split at a moment). Static for the same reason as {@link ModelCommands}.
 */
final class DeploymentQueryCommands {
    private static final List<Column> GATE_COLUMNS = List.of(Column.field("RULE", "rule"),
            Column.field("MET", "met"), Column.field("DETAIL", "detail"));
    private static final List<Column> BOOK_COLUMNS = List.of(Column.field("MODEL", "model"),
            Column.field("REVISION", "revision"), Column.field("ROLE", "role"), Column.field("MODEL_ID", "model_id"),
            Column.field("PCT", "pct"), Column.field("SINCE", "changed_at"));

    private DeploymentQueryCommands() {
    }

    @Command(name = "readiness", description = {"Show every promotion gate of the version MODEL_ID, met or not, and "
            + "why.", "Exits 0 when every gate is met (a promotion would pass them), 1 when one is not."})
    static int readiness(@Mixin ClientOptions options,
                         @Parameters(paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION) String modelId,
                         @Option(names = "--approver", paramLabel = "NAME",
                                 description = "The approver a promotion would name (default: you)") String approver) {
        String model = VersionArgument.modelOf(options.verb(), modelId);
        JsonNode readiness;
        try (RegistryClient registry = options.connect()) {
            readiness = registry.deployments().readiness(model, modelId, approver);
        }
        Output output = options.output();
        boolean ready = readiness.path("ready").asBoolean();
        if (output.json()) {
            output.json(readiness);
        } else {
            List<JsonNode> gates = new ArrayList<>();
            readiness.path("checks").forEach(gate -> gates.add(((ObjectNode) gate.deepCopy())
                    .put("met", gate.path("met").asBoolean() ? "met" : "UNMET")));
            output.table(gates, GATE_COLUMNS);
            long unmet = gates.stream().filter(gate -> gate.path("met").asText().equals("UNMET")).count();
            output.line(Output.text(readiness.get("model_id")) + (ready ? ": ready for promotion by "
                    : ": not ready, " + unmet + " of " + gates.size() + " gates unmet for ")
                    + Output.text(readiness.get("approver")));
        }
        return ready ? 0 : 1;
    }

    @Command(name = "deployments", description = {"Show what every model had deployed at a moment (default: now): "
            + "one row per production and canary, by model name.",
            "Models with nothing deployed then are not listed. An answer about the past, never signed."})
    static int deployments(@Mixin ClientOptions options,
                           @Option(names = "--at", paramLabel = "TIME", converter = Moment.class,
                                   description = "An RFC 3339 moment, e.g. 2026-05-15T14:30:00Z") Instant at) {
        List<JsonNode> deployments;
        try (RegistryClient registry = options.connect()) {
            deployments = registry.deployments().allAt(at).toList();
        }
        Output output = options.output();
        if (output.json()) {
            output.list(deployments, List.of());
        } else {
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode deployment : deployments) {
                for (JsonNode row : DeploymentCommands.rows(deployment)) {
                    rows.add(((ObjectNode) row).put("model", deployment.path("model").asText())
                            .put("changed_at", Output.text(deployment.get("changed_at"))));
                }
            }
            output.table(rows, BOOK_COLUMNS);
        }
        return 0;
    }
}
