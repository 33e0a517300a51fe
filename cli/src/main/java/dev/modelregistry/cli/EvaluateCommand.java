package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code modelreg evaluate}: submits a signed evaluation report (a DSSE envelope) to the registry. */
@Command(name = "evaluate",
        description = {"Submit the signed evaluation report in ENVELOPE.json (e.g. from 'modelreg sign-report').",
                "The registry verifies the signature against the evaluators' active keys and binds the report to the "
                        + "version its subject names; submitting the same envelope again is harmless."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "ENVELOPE.json", description = "The DSSE envelope")
    private Path envelope;

    @Override
    public Integer call() {
        ObjectNode body = new InputFiles(spec.commandLine()).jsonObject("ENVELOPE.json", "@" + envelope);
        try (RegistryClient registry = client.connect()) {
            client.output().resource(registry.submitEvaluation(body));
        }
        return 0;
    }
}
