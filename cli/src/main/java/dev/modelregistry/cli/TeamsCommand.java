package dev.modelregistry.cli;

import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code modelreg teams}: owning teams and their members. */
@Command(name = "teams", mixinStandardHelpOptions = true, description = "Owning teams and their members")
final class TeamsCommand {

    @Command(name = "list", description = "List all teams")
    int list(@Mixin ClientOptions options) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.access().allTeams().toList(), List.of(
                    Column.field("NAME", "name"), Column.field("MEMBERS", "members"),
                    Column.time("CREATED", "created_at")));
        }
        return 0;
    }

    @Command(name = "create", description = "Create a team (admin)")
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.access().createTeam(name));
        }
        return 0;
    }

    @Command(name = "show", description = "Show a team and its members")
    int show(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME") String name) {
        try (RegistryClient registry = options.connect()) {
            options.output().resource(registry.access().team(name));
        }
        return 0;
    }

    @Command(name = "add-member", description = "Add PRINCIPAL to TEAM (admin)")
    int addMember(@Mixin ClientOptions options, @Parameters(paramLabel = "TEAM") String team,
                  @Parameters(paramLabel = "PRINCIPAL") String principal) {
        try (RegistryClient registry = options.connect()) {
            registry.access().addTeamMember(team, principal);
        }
        options.output().done("added " + principal + " to team " + team);
        return 0;
    }

    @Command(name = "remove-member", description = "Remove PRINCIPAL from TEAM (admin)")
    int removeMember(@Mixin ClientOptions options, @Parameters(paramLabel = "TEAM") String team,
                     @Parameters(paramLabel = "PRINCIPAL") String principal) {
        try (RegistryClient registry = options.connect()) {
            registry.access().removeTeamMember(team, principal);
        }
        options.output().done("removed " + principal + " from team " + team);
        return 0;
    }
}
