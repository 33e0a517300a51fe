package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelreg keys}: the registry's own Ed25519 keys, the ones deploy guards pin to verify manifests; and
 * {@code keys rotate} (admin). {@code --json} includes each key's PEM.
 */
@Command(name = "keys", description = {"List the registry's manifest signing keys (public; --json for the PEM "
        + "to pin in a deploy guard).", "'keys rotate' makes a new active key; the old one stays listed, retired."})
final class KeysCommand implements Callable<Integer> {
    private static final List<Column> KEY_COLUMNS = List.of(
            Column.field("KEYID", "keyid"), Column.field("ALGORITHM", "algorithm"), Column.field("STATUS", "status"),
            Column.time("CREATED", "created_at"), Column.time("RETIRED", "retired_at"));

    @Mixin
    private ClientOptions options;

    @Override
    public Integer call() {
        try (RegistryClient registry = options.connect()) {
            print(options.output(), registry.keys());
        }
        return 0;
    }

    @Command(name = "rotate", description = "Make a new active signing key; the previous one is retired (admin)")
    int rotate(@Mixin ClientOptions rotateOptions) {
        try (RegistryClient registry = rotateOptions.connect()) {
            print(rotateOptions.output(), registry.rotateKeys());
        }
        return 0;
    }

    private static void print(Output output, JsonNode keys) {
        if (output.json()) {
            output.json(keys);
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        keys.path("keys").forEach(items::add);
        output.table(items, KEY_COLUMNS);
    }
}
