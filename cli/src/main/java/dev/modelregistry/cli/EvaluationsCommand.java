package dev.modelregistry.cli;

import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code modelreg evaluations}: the signed evaluation reports bound to a version, as the registry verified them. */
@Command(name = "evaluations", description = {"List the evaluation reports bound to the version MODEL_ID, in the "
        + "order they were received.", "Each was verified against an evaluator's key when submitted; a promotion needs "
        + "one with verdict pass (the one the version names, if it names one)."})
final class EvaluationsCommand implements Callable<Integer> {
    private static final List<Column> REPORT_COLUMNS = List.of(
            Column.field("REPORT_ID", "report_id"), Column.field("VERDICT", "verdict"),
            Column.field("OBJECTIVE", "objective"), Column.field("EVALUATOR", "evaluator"),
            Column.field("KEYID", "keyid"), Column.time("RECEIVED", "received_at"), Column.field("METRICS", "metrics"));

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(paramLabel = "MODEL_ID", description = "e.g. xsmom@2026.05.15-r3")
    private String modelId;

    @Override
    public Integer call() {
        String model = VersionArgument.modelOf(spec.commandLine(), modelId);
        try (RegistryClient registry = client.connect()) {
            client.output().list(registry.evaluations(model, modelId).items(), REPORT_COLUMNS);
        }
        return 0;
    }
}
