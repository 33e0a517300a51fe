package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * The small artifact verbs, {@code artifacts} and {@code seal}; upload and download have their own classes.
 * Static for the same reason as {@link ModelCommands}.
 */
final class ArtifactCommands {
    private static final List<Column> ARTIFACT_COLUMNS = List.of(
            Column.field("PATH", "path"), Column.field("SIZE", "size"), Column.field("SHA256", "sha256"),
            Column.field("MEDIA_TYPE", "media_type"));

    @Command(name = "artifacts", description = "List the artifacts of the version MODEL_ID, sorted by path")
    static int artifacts(@Mixin ClientOptions options,
                         @Parameters(paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION)
                         String modelId) {
        String model = VersionArgument.modelOf(options.verb(), modelId);
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.artifacts(model, modelId).items(), ARTIFACT_COLUMNS);
        }
        return 0;
    }

    @Command(name = "seal", description = "Seal the version MODEL_ID: mark it ready; its artifacts can no longer change")
    static int seal(@Mixin ClientOptions options,
                    @Parameters(paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION) String modelId,
                    @Option(names = "--idempotency-key", paramLabel = "KEY",
                            description = "Makes a retry safe: the first answer is replayed") String idempotencyKey) {
        String model = VersionArgument.modelOf(options.verb(), modelId);
        JsonNode version;
        try (RegistryClient registry = options.connect()) {
            version = registry.seal(model, modelId, idempotencyKey);
        }
        Output output = options.output();
        if (output.json()) {
            output.json(version);
        } else {
            output.line("sealed " + Output.text(version.get("model_id")) + ": ready_at "
                    + Output.text(version.get("ready_at")));
        }
        return 0;
    }
}
