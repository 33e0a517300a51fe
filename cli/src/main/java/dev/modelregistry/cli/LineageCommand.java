package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code modelreg lineage}: which model produced a trade, traced from a fill or a signal. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Trace a fill or a signal to the model version that produced it: its lineage, evaluation, "
                + "training distribution, the deployment when the signal was emitted, and an ensemble's children")
final class LineageCommand {

    @Command(name = "fill", description = "Trace a fill: fill, signal, version and its whole lineage")
    int fill(@Mixin ClientOptions options, @Parameters(paramLabel = "FILL_ID") String fillId) {
        JsonNode answer;
        try (RegistryClient registry = options.connect()) {
            answer = registry.fillLineage(fillId);
        }
        print(options.output(), answer, LineageTrace.ofFill(answer));
        return 0;
    }

    @Command(name = "signal", description = "Trace a signal: signal, version and its whole lineage, and its fills")
    int signal(@Mixin ClientOptions options, @Parameters(paramLabel = "SIGNAL_ID") String signalId) {
        JsonNode answer;
        try (RegistryClient registry = options.connect()) {
            answer = registry.signalLineage(signalId);
        }
        print(options.output(), answer, LineageTrace.ofSignal(answer));
        return 0;
    }

    private static void print(Output output, JsonNode answer, List<String> trace) {
        if (output.json()) {
            output.json(answer);
        } else {
            trace.forEach(output::line);
        }
    }
}
