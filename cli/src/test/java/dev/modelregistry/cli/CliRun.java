package dev.modelregistry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the modelreg command tree in-process with a given environment, capturing stdout, stderr and the exit code. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Map<String, String> environment, String... args) {
        return run(Terminal.NONE, environment, args);
    }

    /** As if stderr were (or were not) a terminal, whatever the test runner's stderr is. */
    static CliRun run(Terminal terminal, Map<String, String> environment, String... args) {
        return run(terminal, new StringWriter(), environment, args);
    }

    /** Writes stdout into {@code out} as it goes, so a test can wait for a long-running verb's first lines. */
    static CliRun run(StringWriter out, Map<String, String> environment, String... args) {
        return run(Terminal.NONE, out, environment, args);
    }

    private static CliRun run(Terminal terminal, StringWriter out, Map<String, String> environment, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true), terminal)
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
