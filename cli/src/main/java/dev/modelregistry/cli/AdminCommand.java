package dev.modelregistry.cli;

import dev.modelregistry.server.ServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelreg admin reset-token}: offline recovery of the bootstrap admin's token, run on the database with
 * the server's flags ({@code --db}, {@code --data-dir}); every argument goes to the server's launcher untouched.
 */
@Command(name = "admin", description = "Offline recovery: 'admin reset-token [server flags]' revokes the tokens of "
        + "'admin' and prints a new one (audited)")
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
