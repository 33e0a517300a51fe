package dev.modelregistry.cli;

import java.io.PrintWriter;

/** Progress display for one run of a verb: bars on stderr when a human watches it, nothing at all otherwise. */
final class Progress {
    private final PrintWriter err;
    private final Terminal terminal;
    private final boolean shown;

    /** {@code quiet}: --quiet or --json given; either way, only the results are printed. */
    Progress(PrintWriter err, Terminal terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.shown = terminal.interactive() && !quiet;
    }

    /** A bar for one file; close it (try-with-resources) before printing that file's result line. */
    ProgressBar start(String label) {
        return shown ? new ProgressBar(err, label, terminal.columns(), System::nanoTime) : ProgressBar.hidden();
    }
}
