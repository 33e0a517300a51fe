package dev.modelregistry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Entry point of the one runnable jar: {@code modelreg serve} and {@code modelreg migrate} run the server, every
 * other verb calls a registry's HTTP API through the Java client.
 */
@Command(name = "modelreg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The model registry: run it (serve, migrate) or talk to it (every other verb).",
        footer = {"", "Exit codes: 0 ok, 1 audit does not verify, ingest had rejected or conflicting lines, or "
                + "readiness found a gate unmet, "
                + "2 refused (usage or 4xx), 3 unavailable (unreachable or 5xx) or a download that failed "
                + "verification, 4 a local file could not be read or written.",
                "Shell completion: modelreg completion bash|zsh (see modelreg completion --help)."})
public final class Main {

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(System.getenv(), out, err).execute(args));
    }

    /** The whole command tree, wired to an environment and to output streams (tests pass their own). */
    static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return commandLine(environment, out, err, Terminal.detect());
    }

    /** The same, with the terminal given: whether progress bars may be drawn on {@code err}, and how wide. */
    static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err,
                                   Terminal terminal) {
        CommandLine modelreg = new CommandLine(new Main());
        addVerbs(modelreg, terminal);
        // The setters below reach every subcommand added so far, so they come after the tree is built.
        // '@file' is an argument of ours (--hyperparams @params.json), not a picocli argument file.
        modelreg.setExpandAtFiles(false);
        modelreg.setDefaultValueProvider(new EnvironmentDefaults(environment));
        ErrorReporter errors = new ErrorReporter();
        modelreg.setExecutionExceptionHandler(errors);
        modelreg.setParameterExceptionHandler(errors);
        modelreg.setOut(out);
        modelreg.setErr(err);
        // The server parses its own flags: from the first one on, everything goes to it unchanged.
        modelreg.getSubcommands().get("serve").setStopAtUnmatched(true);
        modelreg.getSubcommands().get("migrate").setStopAtUnmatched(true);
        modelreg.getSubcommands().get("admin").setStopAtUnmatched(true);
        return modelreg;
    }

    /** Every verb, in the order the help lists them. */
    private static void addVerbs(CommandLine modelreg, Terminal terminal) {
        modelreg.addSubcommand(new ServeCommand());
        modelreg.addSubcommand(new MigrateCommand());
        modelreg.addSubcommand(new AdminCommand());
        modelreg.addSubcommand(new RegisterCommand());
        addMethodVerbs(modelreg, ModelCommands.class, "models", "model", "versions", "version", "orphans", "reassign");
        modelreg.addSubcommand(new CreateModelCommand());
        modelreg.addSubcommand(new DeprecationCommand());
        modelreg.addSubcommand(new UploadCommand(terminal));
        modelreg.addSubcommand(new DownloadCommand(terminal));
        addMethodVerbs(modelreg, ArtifactCommands.class, "artifacts", "seal");
        modelreg.addSubcommand(new PrincipalsCommand());
        modelreg.addSubcommand(new TokensCommand());
        modelreg.addSubcommand(new TeamsCommand());
        modelreg.addSubcommand(new AclCommand());
        modelreg.addSubcommand(new EvaluatorsCommand());
        modelreg.addSubcommand(new SignReportCommand());
        modelreg.addSubcommand(new EvaluateCommand());
        modelreg.addSubcommand(new EvaluationsCommand());
        addMethodVerbs(modelreg, DeploymentCommands.class, "promote", "rollback", "deployment");
        addMethodVerbs(modelreg, DeploymentQueryCommands.class, "readiness", "deployments");
        modelreg.getSubcommands().get("deployment").addSubcommand(new DeploymentHistoryCommand());
        modelreg.addSubcommand(new KeysCommand());
        modelreg.addSubcommand(new AuditCommand());
        modelreg.addSubcommand(new LineageCommand());
        modelreg.addSubcommand(new GraphCommand());
        modelreg.addSubcommand(new IngestCommand(terminal));
        modelreg.addSubcommand(new WebhooksCommand());
        modelreg.addSubcommand(new StatusCommand());
        modelreg.addSubcommand(new CompletionCommand());
    }

    /** Verbs written as {@code @Command} methods of one class, each its own subcommand. */
    private static void addMethodVerbs(CommandLine modelreg, Class<?> commands, String... verbs) {
        for (String verb : verbs) {
            Method method = CommandLine.getCommandMethods(commands, verb).getFirst();
            modelreg.addSubcommand(new CommandLine(method));
        }
    }

    /** The version in the jar's manifest, when built as a jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"modelreg " + (version == null ? "(development build)" : version)};
        }
    }
}
