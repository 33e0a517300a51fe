package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelreg deployment history}: every split a model had, oldest first, with who changed it, when and why. A
 * subcommand of {@code deployment} (see Main), which is why that verb's MODEL is optional to picocli.
 */
@Command(name = "history", description = {"List every deployment MODEL had, oldest first: the revision, "
        + "what was promoted or rolled back, the production and canary it left, who did it, when and why."})
final class DeploymentHistoryCommand implements Callable<Integer> {
    private static final List<Column> HISTORY_COLUMNS = List.of(
            Column.field("REVISION", "revision"), Column.field("ACTION", "action"),
            new Column("PRODUCTION", item -> slot(item.path("production"))),
            new Column("CANARY", item -> slot(item.path("canary"))), Column.field("ACTOR", "actor"),
            Column.time("CHANGED", "changed_at"), Column.field("REASON", "reason"));

    @Mixin
    private ClientOptions client;

    @Parameters(paramLabel = "MODEL", description = "Model name")
    private String model;

    @Override
    public Integer call() {
        try (RegistryClient registry = client.connect()) {
            client.output().list(registry.allDeploymentHistory(model).toList(), HISTORY_COLUMNS);
        }
        return 0;
    }

    /** {@code xsmom@2026.05.15-r3 (90%)}, or a dash for an empty slot. */
    private static String slot(JsonNode slot) {
        if (!slot.isObject()) {
            return Output.ABSENT;
        }
        return Output.text(slot.get("model_id")) + " (" + slot.path("pct").asInt() + "%)";
    }
}
