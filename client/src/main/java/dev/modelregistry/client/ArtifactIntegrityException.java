package dev.modelregistry.client;

/**
 * Downloaded bytes did not match what the registry or the caller promised (length, {@code Repr-Digest}, expected
 * sha256). Nothing was left at the target: the partial file is deleted before this is thrown.
 */
public class ArtifactIntegrityException extends RuntimeException {
    private final String artifactPath;

    public ArtifactIntegrityException(String artifactPath, String message) {
        super(artifactPath + ": " + message);
        this.artifactPath = artifactPath;
    }

    /** The artifact path within its version. */
    public String artifactPath() {
        return artifactPath;
    }
}
