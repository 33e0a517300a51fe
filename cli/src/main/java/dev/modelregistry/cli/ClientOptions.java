package dev.modelregistry.cli;

import picocli.CommandLine.Option;

/** The options every verb that talks to a registry shares: where it is, who we are, and how to print. */
public class ClientOptions extends RegistryConnection {
    @Option(names = "--json", description = "Print the raw JSON response, pretty-printed")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit")
    private boolean help;

    Output output() {
        return new Output(verb().getOut(), json);
    }
}
