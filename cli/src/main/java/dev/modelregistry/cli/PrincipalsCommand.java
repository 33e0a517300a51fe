package dev.modelregistry.cli;

import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Set;

/** {@code modelreg principals}: the users and services that hold tokens (admin). */
@Command(name = "principals", mixinStandardHelpOptions = true, description = "Users and services (admin)")
final class PrincipalsCommand {
    private static final Set<String> KINDS = Set.of("user", "service");

    @Command(name = "list", description = "List all principals")
    int list(@Mixin ClientOptions options) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.access().allPrincipals().toList(), List.of(
                    Column.field("NAME", "name"), Column.field("KIND", "kind"), Column.field("ADMIN", "admin"),
                    Column.time("CREATED", "created_at")));
        }
        return 0;
    }

    @Command(name = "create", description = "Create a principal")
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name,
               @Option(names = "--kind", required = true, paramLabel = "user|service") String kind,
               @Option(names = "--admin", description = "Make it an admin") boolean admin) {
        if (!KINDS.contains(kind)) {
            throw new ParameterException(options.verb(), "--kind must be user or service, not '" + kind + "'");
        }
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.access().createPrincipal(name, kind, admin));
        }
        return 0;
    }

    @Command(name = "grant", description = "Grant PRINCIPAL a role (lineage-writer: may ingest signals and fills)")
    int grant(@Mixin ClientOptions options, @Parameters(paramLabel = "PRINCIPAL") String principal,
              @Parameters(paramLabel = "ROLE") String role) {
        try (RegistryClient registry = options.connect()) {
            registry.access().grantRole(principal, role);
        }
        options.output().done(principal + " holds the role " + role);
        return 0;
    }

    @Command(name = "revoke", description = "Revoke a role from PRINCIPAL")
    int revoke(@Mixin ClientOptions options, @Parameters(paramLabel = "PRINCIPAL") String principal,
               @Parameters(paramLabel = "ROLE") String role) {
        try (RegistryClient registry = options.connect()) {
            registry.access().revokeRole(principal, role);
        }
        options.output().done(principal + " no longer holds the role " + role);
        return 0;
    }

    @Command(name = "show", description = "Show a principal and its roles")
    int show(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.access().principal(name));
        }
        return 0;
    }
}
