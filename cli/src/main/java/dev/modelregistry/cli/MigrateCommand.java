package dev.modelregistry.cli;

import dev.modelregistry.server.ServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelreg migrate}: applies pending database migrations. Its flags belong to the server, which parses
 * them itself, so every argument is passed through untouched (Main makes picocli stop at the first one).
 */
@Command(name = "migrate", description = "Apply pending database migrations (flags are the server's: try 'migrate --help')")
final class MigrateCommand implements Callable<Integer> {
    @Unmatched
    private List<String> arguments = new ArrayList<>();

    List<String> launcherArguments() {
        List<String> all = new ArrayList<>();
        all.add("migrate");
        all.addAll(arguments);
        return all;
    }

    @Override
    public Integer call() throws Exception {
        return ServerLauncher.run(launcherArguments());
    }
}
