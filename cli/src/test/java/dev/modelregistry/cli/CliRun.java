package dev.modelregistry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the modelreg command tree in-process with a given environment, capturing stdout, stderr and the exit code. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Map<String, String> environment, String... args) {
        return run(Terminal.NONE, environment, args);
    }

    /** Runs the CLI and asserts its exit code, naming the arguments, stdout and stderr when it is another. */
    static CliRun expect(Map<String, String> environment, int exitCode, String... args) {
        CliRun run = run(environment, args);
        assertThat(run.exitCode()).as("%s: %s %s", String.join(" ", args), run.out(), run.err()).isEqualTo(exitCode);
        return run;
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
