package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.VersionQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * The read verbs of models and versions: {@code models}, {@code model}, {@code versions}, {@code version}. Static,
 * because picocli invokes a method verb on its parent command object, and these are added directly under Main.
 */
final class ModelCommands {
    private static final List<Column> MODEL_COLUMNS = List.of(
            Column.field("NAME", "name"), Column.field("OWNER", "owner"), Column.time("CREATED", "created_at"));
    private static final List<Column> VERSION_COLUMNS = List.of(
            Column.field("MODEL_ID", "model_id"), Column.field("STATUS", "status"),
            Column.time("REGISTERED", "registered_at"), Column.field("BY", "registered_by"),
            Column.field("LINEAGE_HASH", "lineage_hash"));

    private static final List<Column> HEALTH_COLUMNS = List.of(
            Column.field("NAME", "name"), Column.field("OWNER", "owner"), Column.nested("HEALTH", "health", "state"),
            Column.nested("SINCE", "health", "since"));
    private static final List<Column> ORPHAN_COLUMNS = List.of(
            Column.field("MODEL", "model"), Column.field("OWNER", "owner"), Column.time("SINCE", "since"),
            Column.field("REASON", "reason"));

    @Command(name = "models", description = "List all models, or those the filters find (all given must hold)")
    static int models(@Mixin ClientOptions options, @Mixin ModelFilters filters) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.search().allModels(filters.query()).toList(),
                    filters.byHealth() ? HEALTH_COLUMNS : MODEL_COLUMNS);
        }
        return 0;
    }

    @Command(name = "orphans", description = "List models without an accountable owner, with why and since when")
    static int orphans(@Mixin ClientOptions options) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.allOrphans().toList(), ORPHAN_COLUMNS);
        }
        return 0;
    }

    @Command(name = "reassign", description = "Admin: give a model to another owning team")
    static int reassign(@Mixin ClientOptions options, @Parameters(paramLabel = "MODEL") String model,
                        @Parameters(paramLabel = "TEAM") String team) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.reassign(model, team));
        }
        return 0;
    }

    @Command(name = "model", description = "Show a model")
    static int model(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.model(name));
        }
        return 0;
    }

    @Command(name = "versions", description = "List a model's versions in registration order, or with --all-models"
            + " every model's; the filters narrow the list (all given must hold)")
    static int versions(@Mixin ClientOptions options,
                        @Parameters(paramLabel = "MODEL", arity = "0..1") String model,
                        @Option(names = "--all-models", description = "Every model's versions (instead of MODEL)")
                        boolean allModels,
                        @Mixin VersionFilters filters) {
        if ((model == null) == !allModels) {
            throw new ParameterException(options.verb(), "name a MODEL or give --all-models (not both)");
        }
        VersionQuery query = filters.query(options.verb());
        try (RegistryClient registry = options.connect()) {
            List<JsonNode> found = allModels ? registry.search().allVersions(query).toList()
                    : registry.search().allVersions(model, query).toList();
            options.output().list(found, VERSION_COLUMNS);
        }
        return 0;
    }

    @Command(name = "version", description = {"Show the version MODEL_ID with its lineage.",
            "The older form 'version MODEL MODEL_ID' still works."})
    static int version(@Mixin ClientOptions options,
                       @Parameters(arity = "1..2", paramLabel = "MODEL_ID", description = "e.g. xsmom@2026.05.15-r3")
                       List<String> arguments) {
        String modelId = arguments.getLast();
        String model = VersionArgument.modelOf(options.verb(), modelId);
        if (arguments.size() == 2 && !arguments.getFirst().equals(model)) {
            throw new ParameterException(options.verb(), "MODEL " + arguments.getFirst() + " is not the model of "
                    + modelId + "; give the MODEL_ID alone");
        }
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.version(model, modelId));
        }
        return 0;
    }
}
