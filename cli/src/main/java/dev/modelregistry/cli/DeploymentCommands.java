package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deploy verbs: {@code promote}, {@code rollback} and {@code deployment} (shown once, or watched). Each prints
 * the resulting deployment as a table of its production and canary, or the whole document with {@code --json}.
 * Static for the same reason as {@link ModelCommands}.
 */
final class DeploymentCommands {
    private static final Duration WATCH_WAIT = Duration.ofSeconds(30);
    private static final List<Column> SPLIT_COLUMNS = List.of(
            Column.field("REVISION", "revision"), Column.field("ROLE", "role"), Column.field("MODEL_ID", "model_id"),
            Column.field("PCT", "pct"));

    private DeploymentCommands() {
    }

    @Command(name = "promote", description = {"Promote the version MODEL_ID: production, or with --canary PCT the "
            + "canary taking PCT%% of the traffic.", "Needs an approver other than the registrant and a passing signed "
            + "evaluation report; promoting the canary with --canary 100 makes it production."})
    static int promote(@Mixin ClientOptions options,
                       @Parameters(paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION) String modelId,
                       @Option(names = "--approver", required = true, paramLabel = "NAME",
                               description = "Your own principal name: the registry checks it is the caller") String approver,
                       @Option(names = "--canary", paramLabel = "PCT", defaultValue = "100",
                               description = "Share of traffic, 1-100 (default: 100, production)") int canaryPct,
                       @Option(names = "--idempotency-key", paramLabel = "KEY",
                               description = "Makes a retry safe: the first answer is replayed") String idempotencyKey) {
        if (canaryPct < 1 || canaryPct > 100) {
            throw new ParameterException(options.verb(), "--canary must be a whole number from 1 to 100");
        }
        String model = VersionArgument.modelOf(options.verb(), modelId);
        try (RegistryClient registry = options.connect()) {
            print(options.output(), registry.promote(model, modelId, approver, canaryPct, idempotencyKey));
        }
        return 0;
    }

    @Command(name = "rollback", description = {"Roll back MODEL: the running canary, else the production (the "
            + "previous production returns at 100%%).", "Allowed for approvers and members of the owning team."})
    static int rollback(@Mixin ClientOptions options,
                        @Parameters(paramLabel = "MODEL") String model,
                        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                                description = "Why, for the history and the audit log (1-500 characters)") String reason,
                        @Option(names = "--idempotency-key", paramLabel = "KEY",
                                description = "Makes a retry safe: the first answer is replayed") String idempotencyKey) {
        try (RegistryClient registry = options.connect()) {
            print(options.output(), registry.rollback(model, reason, idempotencyKey));
        }
        return 0;
    }

    @Command(name = "deployment", description = {"Show MODEL's deployment: its revision, production and canary.",
            "With --watch, print every new revision as it happens, until interrupted (or --until is reached).",
            "With --at, what was deployed at that moment instead (an answer about the past, never signed).",
            "'deployment history MODEL' lists every deployment it had (of a model named history: "
                    + "'deployment -- history')."})
    static int deployment(@Mixin ClientOptions options,
                          // Optional to picocli only, which would otherwise demand it before 'history MODEL' too.
                          @Parameters(paramLabel = "MODEL", arity = "0..1") String model,
                          @Option(names = "--watch", description = "Keep printing each new revision") boolean watch,
                          @Option(names = "--until", paramLabel = "REVISION",
                                  description = "With --watch: stop once the revision is at least REVISION") Long until,
                          @Option(names = "--at", paramLabel = "TIME", converter = Moment.class,
                                  description = "An RFC 3339 moment, e.g. 2026-05-15T14:30:00Z") Instant at) {
        if (model == null) {
            throw new ParameterException(options.verb(), "Missing required parameter: 'MODEL'");
        }
        if (until != null && !watch) {
            throw new ParameterException(options.verb(), "--until only makes sense with --watch");
        }
        Output output = options.output();
        if (at != null) {
            if (watch) {
                throw new ParameterException(options.verb(), "--at asks about the past, which cannot be watched");
            }
            return deploymentAt(options, model, at);
        }
        try (RegistryClient registry = options.connect()) {
            JsonNode deployment = registry.deployment(model);
            print(output, deployment);
            if (watch) {
                watch(registry, output, model, deployment.path("revision").asLong(), until);
            }
        }
        return 0;
    }

    /** Prints each revision after {@code revision} as it happens, until interrupted or {@code until} is reached. */
    private static void watch(RegistryClient registry, Output output, String model, long revision, Long until) {
        while ((until == null || revision < until) && !Thread.currentThread().isInterrupted()) {
            JsonNode deployment = registry.awaitDeployment(model, revision, WATCH_WAIT);
            long next = deployment.path("revision").asLong();
            if (next != revision) {
                if (!output.json()) {
                    output.line("");
                }
                print(output, deployment);
                revision = next;
            }
        }
    }

    /** What was deployed at {@code at}: the split, and since when it had been in force. */
    private static int deploymentAt(ClientOptions options, String model, Instant at) {
        JsonNode past;
        try (RegistryClient registry = options.connect()) {
            past = registry.deployments().at(model, at);
        }
        Output output = options.output();
        print(output, past);
        if (!output.json()) {
            output.line(past.path("revision").asLong() == 0 ? "nothing was deployed at " + Output.text(past.get("at"))
                    : "in force at " + Output.text(past.get("at")) + " since " + Output.text(past.get("changed_at")));
        }
        return 0;
    }

    /** The deployment as JSON, or one table row per slot (a row of dashes when nothing is deployed). */
    static void print(Output output, JsonNode deployment) {
        if (output.json()) {
            output.json(deployment);
        } else {
            output.table(rows(deployment), SPLIT_COLUMNS);
        }
    }

    static List<JsonNode> rows(JsonNode deployment) {
        List<JsonNode> rows = new ArrayList<>();
        for (String role : List.of("production", "canary")) {
            JsonNode slot = deployment.path(role);
            if (slot.isObject()) {
                rows.add(row(deployment, role).put("model_id", slot.path("model_id").asText())
                        .put("pct", slot.path("pct").asInt()));
            }
        }
        if (rows.isEmpty()) {
            rows.add(row(deployment, null));
        }
        return rows;
    }

    private static ObjectNode row(JsonNode deployment, String role) {
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("revision", deployment.path("revision").asLong());
        return role == null ? row : row.put("role", role);
    }
}
