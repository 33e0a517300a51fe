package dev.modelregistry.cli;

import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code modelreg create-model}: a model before its first version, e.g. to give it a description. */
@Command(name = "create-model", sortOptions = false,
        description = {"Create the model NAME owned by TEAM, without a version (registering a first version "
                + "creates it too).", "Allowed for members of the owning team and admins; the name must be new."})
final class CreateModelCommand implements Callable<Integer> {
    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "NAME", description = "Model name, e.g. xsmom")
    private String name;

    @Option(names = "--owner", required = true, paramLabel = "TEAM", description = "The owning team")
    private String owner;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the model is, for whoever finds it")
    private String description;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Makes a retry safe: the first answer is replayed")
    private String idempotencyKey;

    @Override
    public Integer call() {
        try (RegistryClient registry = client.connect()) {
            client.output().resource(registry.createModel(name, owner, description, idempotencyKey));
        }
        return 0;
    }
}
