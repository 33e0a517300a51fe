package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.client.ArtifactIntegrityException;
import dev.modelregistry.client.DownloadedArtifact;
import dev.modelregistry.client.Page;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code modelreg download}: a version's artifacts into a directory, each verified against its SHA-256. */
@Command(name = "download", sortOptions = false,
        description = {"Download artifacts of the version MODEL_ID into DIR (all of them unless ARTIFACT_PATHs are "
                + "given), creating subdirectories.",
                "Each file is verified against the sha256 in the version's listing and the registry's Repr-Digest, "
                        + "and only then moved into place; a file that fails is not written."})
final class DownloadCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client;

    @Parameters(index = "0", paramLabel = "MODEL_ID", description = VersionArgument.DESCRIPTION)
    private String modelId;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARTIFACT_PATH", description = "Artifacts to download (default: all)")
    private List<String> wanted = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to download into (default: the current one)")
    private Path out = Path.of(".");

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (there is none anyway unless stderr is a terminal)")
    private boolean quiet;

    DownloadCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String model = VersionArgument.modelOf(spec.commandLine(), modelId);
        Path directory = out.toAbsolutePath().normalize();
        Output output = client.output();
        Progress progress = new Progress(spec.commandLine().getErr(), terminal, quiet || output.json());
        List<JsonNode> downloaded = new ArrayList<>();
        try (RegistryClient registry = client.connect()) {
            String version = VersionArgument.resolve(registry, model, modelId);
            Map<String, JsonNode> selected = select(registry.artifacts(model, version));
            // Every path is checked before the first byte is written: a bad listing leaves DIR as it was.
            Map<String, Path> targets = new LinkedHashMap<>();
            selected.keySet().forEach(path -> targets.put(path, target(directory, path)));
            ResultLines lines = new ResultLines(output, List.copyOf(selected.keySet()),
                    selected.values().stream().mapToLong(a -> a.path("size").asLong()).max().orElse(0));
            for (Map.Entry<String, JsonNode> entry : selected.entrySet()) {
                String path = entry.getKey();
                Path target = targets.get(path);
                requireRealParentInside(directory, target);
                DownloadedArtifact file;
                try (ProgressBar bar = progress.start(path)) {
                    file = registry.downloadArtifact(model, version, path, target,
                            entry.getValue().path("sha256").asText(null), bar);
                }
                lines.print(path, file.size(), file.sha256());
                downloaded.add(JSON.createObjectNode().put("path", path).put("file", file.file().toString())
                        .put("size", file.size()).put("sha256", file.sha256()).put("media_type", file.mediaType()));
            }
        }
        if (output.json()) {
            output.list(downloaded, List.of());
        }
        return 0;
    }

    /** The listed artifacts to download, by path: the ones asked for, in the order asked, or all. */
    private Map<String, JsonNode> select(Page listing) {
        if (listing.hasNext()) {
            // The route answers every artifact at once; a paginated answer would silently lose files here.
            throw new RegistryException(ErrorCode.INTERNAL, "the registry paginated the artifact list of " + modelId
                    + "; this client expects every artifact on one page");
        }
        Map<String, JsonNode> listed = new LinkedHashMap<>();
        listing.items().forEach(artifact -> listed.putIfAbsent(artifact.path("path").asText(), artifact));
        if (wanted.isEmpty()) {
            return listed;
        }
        Map<String, JsonNode> selected = new LinkedHashMap<>();
        for (String path : wanted) {
            JsonNode artifact = listed.get(path);
            if (artifact == null) {
                throw RegistryException.notFound("artifact '" + path + "' of " + modelId);
            }
            selected.put(path, artifact);
        }
        return selected;
    }

    /**
     * Where an artifact goes. The registry refuses such paths already; a listing that holds one anyway is not
     * trusted with any file (nothing has been downloaded when this throws).
     */
    private Path target(Path directory, String path) {
        Path target = ArtifactPaths.resolveInside(directory, path);
        if (target == null) {
            throw new ArtifactIntegrityException(path, "the registry listed an artifact path that is not a safe "
                    + "relative path (it could be written outside " + directory + "); nothing was downloaded");
        }
        return target;
    }

    /** A directory inside DIR that is a link to elsewhere would carry the file out of DIR. */
    private void requireRealParentInside(Path directory, Path target) {
        try {
            Files.createDirectories(target.getParent());
            if (!target.getParent().toRealPath().startsWith(directory.toRealPath())) {
                throw new ParameterException(spec.commandLine(), "--out " + out + ": "
                        + directory.relativize(target.getParent()) + " is a symbolic link leading outside it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
    }
}
