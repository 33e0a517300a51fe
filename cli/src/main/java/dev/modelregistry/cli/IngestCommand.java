package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.IngestSummary;
import dev.modelregistry.client.RegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code modelreg ingest}: send an NDJSON file of signals or fills, with a progress bar and a summary. */
@Command(name = "ingest", sortOptions = false, usageHelpWidth = 120,
        description = {"Send an NDJSON file of signals or fills (one JSON object per line) for lineage.",
                "Prints how many lines were accepted, duplicates (already stored, identical), conflicts (the id is "
                        + "stored with other content) and rejected, then the first problem lines. Exit code 0 when "
                        + "nothing was rejected or conflicting, 1 otherwise; re-sending a file is safe."},
        footerHeading = "%nLine formats (one JSON object per line; any further fields are stored with the event):%n",
        footer = {"  signals: signal_id, model_id (a registered version), emitted_at; for example",
                "    " + IngestCommand.SIGNAL_EXAMPLE,
                "  fills: fill_id, signal_id (its signal may arrive before or after it), executed_at; for example",
                "    " + IngestCommand.FILL_EXAMPLE,
                "  Ids are 1-128 visible ASCII characters; times are RFC 3339 with an offset (Z or +hh:mm).",
                "  Sending needs the lineage-writer role: an admin grants it with 'modelreg principals grant NAME "
                        + "lineage-writer'."})
final class IngestCommand implements Callable<Integer> {
    /** Exit code when some lines were rejected or conflicted: the answer, not a failure to get one. */
    static final int SOME_LINES_REFUSED = 1;
    // Each under 110 characters, so that the help (120 wide) prints it on one line, ready to copy.
    static final String SIGNAL_EXAMPLE = "{\"signal_id\": \"sig-1\", \"model_id\": \"xsmom@2026.05.15-r3\", "
            + "\"emitted_at\": \"2026-05-15T14:30:00Z\", \"side\": \"buy\"}";
    static final String FILL_EXAMPLE = "{\"fill_id\": \"fill-1\", \"signal_id\": \"sig-1\", "
            + "\"executed_at\": \"2026-05-15T14:30:01Z\", \"qty\": 100, \"price\": 101.25}";
    private static final int SHOWN_PROBLEMS = 10;

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "KIND", description = "signals or fills")
    private String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "The NDJSON file")
    private Path file;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (there is none anyway unless stderr is a terminal)")
    private boolean quiet;

    IngestCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (!"signals".equals(kind) && !"fills".equals(kind)) {
            throw new ParameterException(spec.commandLine(), "KIND must be signals or fills, got '" + kind + "'");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw InputFiles.unreadable("FILE", file);
        }
        Output output = client.output();
        Progress progress = new Progress(spec.commandLine().getErr(), terminal, quiet || output.json());
        List<JsonNode> problems = new ArrayList<>();
        IngestSummary summary;
        try (RegistryClient registry = client.connect(); ProgressBar bar = progress.start(file.getFileName().toString())) {
            summary = registry.ingest(kind, file, bar, result -> {
                if (output.json()) {
                    output.line(result.toString());
                } else if (problems.size() < SHOWN_PROBLEMS && isProblem(result)) {
                    problems.add(result);
                }
            });
        }
        if (!output.json()) {
            report(output, summary, problems);
        }
        return summary.clean() ? 0 : SOME_LINES_REFUSED;
    }

    private void report(Output output, IngestSummary summary, List<JsonNode> problems) {
        output.line(kind + " from " + file + ": " + summary.total() + " lines: " + summary.accepted() + " accepted, "
                + summary.duplicate() + " duplicate, " + summary.conflict() + " conflict, " + summary.rejected()
                + " rejected");
        for (JsonNode problem : problems) {
            String line = "  line " + problem.path("line").asText() + "  " + problem.path("status").asText() + "  "
                    + Output.text(problem.get("id")) + "  " + Output.text(problem.get("error"));
            output.line(line.replaceAll("\\p{Cntrl}", "?"));
        }
        long more = summary.conflict() + summary.rejected() - problems.size();
        if (more > 0) {
            output.line("  ... and " + more + " more (--json prints every line's result)");
        }
    }

    private static boolean isProblem(JsonNode result) {
        String status = result.path("status").asText();
        return "rejected".equals(status) || "conflict".equals(status);
    }
}
