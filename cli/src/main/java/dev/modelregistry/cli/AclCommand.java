package dev.modelregistry.cli;

import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code modelreg acl}: the approver ACL, the humans who may promote versions (admin). */
@Command(name = "acl", mixinStandardHelpOptions = true, description = "The approver ACL (admin)")
final class AclCommand {

    @Command(name = "list", description = "List the approvers")
    int list(@Mixin ClientOptions options) {
        try (RegistryClient registry = options.connect()) {
            options.output().list(registry.access().allApprovers().toList(), List.of(
                    Column.field("PRINCIPAL", "principal"), Column.time("ADDED", "added_at")));
        }
        return 0;
    }

    @Command(name = "add", description = "Make PRINCIPAL an approver")
    int add(@Mixin ClientOptions options, @Parameters(paramLabel = "PRINCIPAL") String principal) {
        try (RegistryClient registry = options.connect()) {
            registry.access().addApprover(principal);
        }
        options.output().done(principal + " is an approver");
        return 0;
    }

    @Command(name = "remove", description = "Remove PRINCIPAL from the approvers")
    int remove(@Mixin ClientOptions options, @Parameters(paramLabel = "PRINCIPAL") String principal) {
        try (RegistryClient registry = options.connect()) {
            registry.access().removeApprover(principal);
        }
        options.output().done(principal + " is no longer an approver");
        return 0;
    }
}
