package dev.modelregistry.client.deploy;

import java.nio.file.Path;
import java.util.Map;

/**
 * A version the guard verified and cached: its identity, its role and share in the deployment, and where each of
 * its artifacts is on local disk. The files are shared by every version with the same bytes; treat them as
 * read-only.
 */
public record LoadedVersion(String modelId, String lineageHash, Manifest.Role role, int pct,
                            Map<String, Path> artifacts) {
    public LoadedVersion {
        artifacts = Map.copyOf(artifacts);
    }

    /** The cached file of the artifact at {@code path} (as the manifest names it). */
    public Path artifact(String path) {
        Path file = artifacts.get(path);
        if (file == null) {
            throw new IllegalArgumentException(modelId + " has no artifact '" + path + "'; it has "
                    + artifacts.keySet());
        }
        return file;
    }
}
