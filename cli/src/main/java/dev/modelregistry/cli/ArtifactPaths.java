package dev.modelregistry.cli;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ArtifactPath;

import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Artifact paths on the local side: the registry's rule (checked here too, so a bad name fails before a
 * multi-GiB hash rather than after it), and the mapping between artifact paths and files below a directory.
 */
final class ArtifactPaths {
    private ArtifactPaths() {
    }

    /** Why {@code path} is not a valid artifact path (the registry's rule, {@link ArtifactPath}), or null. */
    static String problem(String path) {
        try {
            new ArtifactPath(path);
            return null;
        } catch (RegistryException e) {
            return e.errors().isEmpty() ? e.getMessage() : e.errors().getFirst().message();
        }
    }

    /** The artifact path of {@code file} below {@code root}: its relative path with '/' separators. */
    static String relative(Path root, Path file) {
        StringJoiner joined = new StringJoiner("/");
        for (Path name : root.relativize(file)) {
            joined.add(name.toString());
        }
        return joined.toString();
    }

    /**
     * Where the artifact goes below {@code directory} (absolute and normalised), or null when the path would
     * leave it. Lexical only; links already inside the directory are the caller's to check.
     */
    static Path resolveInside(Path directory, String artifactPath) {
        if (problem(artifactPath) != null) {
            return null;
        }
        Path target = directory.resolve(artifactPath).normalize();
        return target.startsWith(directory) && !target.equals(directory) ? target : null;
    }
}
