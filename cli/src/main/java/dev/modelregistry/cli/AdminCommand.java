package dev.modelregistry.cli;

import dev.modelregistry.server.ServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelreg admin reset-token|scrub-artifacts}: offline tasks run on the database and artifact store with the
 * server's flags ({@code --db}, {@code --data-dir}, S3 settings); every argument goes to the launcher untouched.
 */
@Command(name = "admin", description = "Offline tasks with the server flags: 'admin reset-token' revokes the tokens of "
        + "'admin' and prints a new one (audited); 'admin scrub-artifacts' re-hashes every stored artifact (exit 1 "
        + "when any is missing or altered)")
final class AdminCommand implements Callable<Integer> {
    @Unmatched
    private List<String> arguments = new ArrayList<>();

    List<String> launcherArguments() {
        List<String> all = new ArrayList<>();
        all.add("admin");
        all.addAll(arguments);
        return all;
    }

    @Override
    public Integer call() throws Exception {
        return ServerLauncher.run(launcherArguments());
    }
}
