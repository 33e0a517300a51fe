package dev.modelregistry.server.artifact;

import dev.modelregistry.server.config.ArtifactConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens the blob store the configuration names: files under the data directory or another directory, or an S3-compatible bucket. */
public final class BlobStores {
    private BlobStores() {
    }

    public static BlobStore open(ArtifactConfig config, Path dataDir) {
        try {
            if (config.s3().isPresent()) {
                return new S3BlobStore(config.s3().get());
            }
            return new FileBlobStore(config.directory().orElseGet(() -> dataDir.resolve("artifacts")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the artifact store under " + dataDir, e);
        }
    }
}
