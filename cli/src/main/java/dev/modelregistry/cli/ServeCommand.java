package dev.modelregistry.cli;

import dev.modelregistry.server.ServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelreg serve}: runs the registry server. Its flags belong to the server, which parses them itself, so
 * every argument is passed through untouched (Main makes picocli stop at the first one).
 */
@Command(name = "serve", description = "Run the registry server (flags are the server's: try 'serve --help')")
final class ServeCommand implements Callable<Integer> {
    @Unmatched
    private List<String> arguments = new ArrayList<>();

    List<String> launcherArguments() {
        List<String> all = new ArrayList<>();
        all.add("serve");
        all.addAll(arguments);
        return all;
    }

    @Override
    public Integer call() throws Exception {
        return ServerLauncher.run(launcherArguments());
    }
}
