package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code modelreg evaluators}: evaluation services and the Ed25519 keys their reports are signed with (admin). */
@Command(name = "evaluators", mixinStandardHelpOptions = true, description = "Evaluators and their signing keys (admin)")
final class EvaluatorsCommand {
    private static final List<Column> KEY_COLUMNS = List.of(
            Column.field("KEYID", "keyid"), Column.time("CREATED", "created_at"), Column.time("REVOKED", "revoked_at"));

    @Command(name = "list", description = "List all evaluators")
    int list(@Mixin ClientOptions options) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.access().allEvaluators().toList(), List.of(
                    Column.field("NAME", "name"), new Column("ACTIVE_KEYS", EvaluatorsCommand::activeKeyIds),
                    Column.time("CREATED", "created_at")));
        }
        return 0;
    }

    @Command(name = "create", description = "Create an evaluator")
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.access().createEvaluator(name));
        }
        return 0;
    }

    @Command(name = "show", description = "Show an evaluator and all its keys, revoked ones included")
    int show(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name) {
        try (RegistryClient registry = options.connect()) {
            JsonNode evaluator = registry.access().evaluator(name);
            Output output = options.output();
            if (output.json()) {
                output.json(evaluator);
                return 0;
            }
            // The keys get a table of their own; PEM blocks do not fit in a field line.
            ObjectNode summary = evaluator.deepCopy();
            summary.remove("keys");
            output.fields(summary);
            output.line("");
            List<JsonNode> keys = new ArrayList<>();
            evaluator.path("keys").forEach(keys::add);
            output.table(keys, KEY_COLUMNS);
        }
        return 0;
    }

    @Command(name = "add-key", description = "Register an Ed25519 public key (PEM) under KEYID")
    int addKey(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name,
               @Option(names = "--keyid", required = true, paramLabel = "ID") String keyid,
               @Option(names = "--public-key", required = true, paramLabel = "FILE.pem") Path publicKey) {
        String pem = new InputFiles(options.verb()).text("--public-key", publicKey);
        try (RegistryClient registry = options.connect()) {
            JsonNode key = registry.access().addEvaluatorKey(name, keyid, pem);
            Output output = options.output();
            if (output.json()) {
                output.json(key);
            } else {
                output.line("added key " + key.path("keyid").asText(keyid) + " to evaluator " + name);
            }
        }
        return 0;
    }

    @Command(name = "revoke-key", description = "Revoke a key; reports signed with it are refused from now on")
    int revokeKey(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name,
                  @Parameters(paramLabel = "KEYID") String keyid) {
        try (RegistryClient registry = options.connect()) {
            registry.access().revokeEvaluatorKey(name, keyid);
        }
        options.output().done("revoked key " + keyid + " of evaluator " + name);
        return 0;
    }

    private static String activeKeyIds(JsonNode evaluator) {
        List<String> active = new ArrayList<>();
        for (JsonNode key : evaluator.path("keys")) {
            if (key.path("revoked_at").isNull() || key.path("revoked_at").isMissingNode()) {
                active.add(key.path("keyid").asText());
            }
        }
        return active.isEmpty() ? Output.ABSENT : String.join(",", active);
    }
}
