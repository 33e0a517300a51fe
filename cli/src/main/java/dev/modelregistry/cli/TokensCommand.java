package dev.modelregistry.cli;

import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/** {@code modelreg tokens}: bearer tokens of principals (admin). A token's secret is shown once, at creation. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Bearer tokens of principals (admin)")
final class TokensCommand {
    @Command(name = "create", description = "Issue a token for PRINCIPAL; it is printed once and never again")
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "PRINCIPAL") String principal) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.access().createToken(principal));
        }
        // On stderr, so that stdout holds only the answer for whoever captures it.
        PrintWriter err = options.verb().getErr();
        err.println("note: this token is shown only now and cannot be retrieved again; store it securely.");
        err.flush();
        return 0;
    }

    @Command(name = "list", description = "List PRINCIPAL's tokens (without their secrets)")
    int list(@Mixin ClientOptions options, @Parameters(paramLabel = "PRINCIPAL") String principal) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.access().allTokens(principal).toList(), List.of(
                    Column.field("ID", "id"), Column.field("PRINCIPAL", "principal"),
                    Column.time("CREATED", "created_at"), Column.time("REVOKED", "revoked_at")));
        }
        return 0;
    }

    @Command(name = "revoke", description = "Revoke a token by its id")
    int revoke(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id) {
        try (RegistryClient registry = options.connect()) {
            registry.access().revokeToken(id);
        }
        options.output().done("revoked token " + id);
        return 0;
    }
}
