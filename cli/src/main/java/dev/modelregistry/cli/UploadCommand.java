package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.client.ArtifactIntegrityException;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.Sha256;
import dev.modelregistry.client.UploadedArtifact;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code modelreg upload}: files and directory trees into a version, each hashed first and verified by the registry. */
@Command(name = "upload", sortOptions = false,
        description = {"Upload files as artifacts of the version MODEL_ID. A file uploads as its file name (or "
                + "--as); a directory uploads every file below it as its path relative to the directory.",
                "Each file is hashed first and sent with its SHA-256, which the registry checks before storing it.",
                "Prints one line per artifact: path, size, sha256 and new, replaced or unchanged."})
final class UploadCommand implements Callable<Integer> {
    // Hashing smaller files takes a blink; a bar would only flicker.
    private static final long HASH_PROGRESS_BYTES = 32L * 1024 * 1024;

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION)
    private String modelId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Files and directories")
    private List<Path> paths;

    @Option(names = "--as", paramLabel = "NAME", description = "Artifact path for a single file (default: its name)")
    private String as;

    @Option(names = "--media-type", paramLabel = "TYPE",
            description = "Media type stored with every file uploaded (default: application/octet-stream)")
    private String mediaType;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (there is none anyway unless stderr is a terminal)")
    private boolean quiet;

    UploadCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String model = VersionArgument.modelOf(spec.commandLine(), modelId);
        List<UploadPlan.Item> plan = UploadPlan.of(spec.commandLine(), paths, as);
        Output output = client.output();
        Progress progress = new Progress(spec.commandLine().getErr(), terminal, quiet || output.json());
        ResultLines lines = new ResultLines(output, plan.stream().map(UploadPlan.Item::path).toList(),
                plan.stream().mapToLong(UploadPlan.Item::size).max().orElse(0));
        List<JsonNode> uploaded = new ArrayList<>();
        try (RegistryClient registry = client.connect()) {
            // Asked before any hashing, which takes minutes for a large model: an unknown or sealed version
            // fails now. The listing tells replaced from unchanged should an answer not carry its outcome. An alias
            // (xsmom@latest) is resolved here once: every file goes to the version it named when the upload began.
            JsonNode version = registry.version(model, modelId);
            requireUnsealed(version);
            String target = version.path("model_id").asText(modelId);
            Map<String, String> before = new HashMap<>();
            registry.artifacts(model, target).items()
                    .forEach(a -> before.put(a.path("path").asText(), a.path("sha256").asText()));
            for (UploadPlan.Item item : plan) {
                String sha256 = hash(item, progress);
                UploadedArtifact answer;
                try (ProgressBar bar = progress.start(item.path())) {
                    answer = registry.uploadArtifact(model, target, item.path(), item.file(), sha256, mediaType, bar);
                }
                if (!sha256.equals(answer.sha256())) {
                    throw new ArtifactIntegrityException(item.path(), "the registry stored sha256 " + answer.sha256()
                            + " for a file that hashes to " + sha256);
                }
                String result = result(answer, before.get(item.path()));
                lines.print(item.path(), answer.size(), sha256, result);
                uploaded.add(answer.artifact());
            }
        }
        if (output.json()) {
            output.list(uploaded, List.of());
        }
        return 0;
    }

    private void requireUnsealed(JsonNode version) {
        JsonNode readyAt = version.path("ready_at");
        if (readyAt.isTextual()) {
            throw new RegistryException(ErrorCode.VERSION_SEALED,
                    modelId + " was sealed at " + readyAt.asText());
        }
    }

    /** new, replaced or unchanged: as the registry says, else worked out from the listing taken before. */
    private static String result(UploadedArtifact answer, String sha256Before) {
        String outcome = answer.outcome();
        if ("created".equals(outcome) || (outcome == null && answer.created())) {
            return "new";
        }
        if ("replaced".equals(outcome) || "unchanged".equals(outcome)) {
            return outcome;
        }
        return answer.sha256().equals(sha256Before) ? "unchanged" : "replaced";
    }

    private String hash(UploadPlan.Item item, Progress progress) {
        if (item.size() < HASH_PROGRESS_BYTES) {
            return Sha256.ofFile(item.file());
        }
        try (ProgressBar bar = progress.start("hashing " + item.path())) {
            return Sha256.ofFile(item.file(), bar);
        }
    }
}
