package dev.modelregistry.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where artifact bytes live and how large one may be: objects in an S3-compatible bucket ({@code s3}), files under
 * {@code directory} (e.g. a mount several instances share), or, with neither, files under the data directory.
 */
public record ArtifactConfig(Optional<S3Settings> s3, Optional<Path> directory, long maxArtifactBytes) {
    public static final long DEFAULT_MAX_ARTIFACT_BYTES = 64L * 1024 * 1024 * 1024;

    public ArtifactConfig {
        if (maxArtifactBytes < 1) {
            throw new IllegalArgumentException("the artifact size limit must be positive");
        }
        if (s3.isPresent() && directory.isPresent()) {
            throw new IllegalArgumentException("artifacts go to a bucket or a directory, not both");
        }
    }

    public ArtifactConfig(Optional<S3Settings> s3, long maxArtifactBytes) {
        this(s3, Optional.empty(), maxArtifactBytes);
    }

    public static ArtifactConfig localDefaults() {
        return new ArtifactConfig(Optional.empty(), DEFAULT_MAX_ARTIFACT_BYTES);
    }

    /** Files under {@code directory} instead of the data directory. */
    public ArtifactConfig inDirectory(Path directory) {
        return new ArtifactConfig(Optional.empty(), Optional.of(directory), maxArtifactBytes);
    }

    /**
     * An S3-compatible bucket: {@code s3://bucket/prefix}, an endpoint for MinIO/Ceph/S3Proxy (empty: AWS),
     * the region, path-style addressing, and static credentials (empty: the AWS SDK's default chain, i.e. the
     * usual AWS_* variables, profiles or instance roles).
     */
    public record S3Settings(String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle,
                             Optional<String> accessKeyId, Optional<String> secretAccessKey) {
        public S3Settings {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("the S3 location needs a bucket: s3://bucket[/prefix]");
            }
            prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        }

        /** Parses {@code s3://bucket[/prefix]}. */
        public static S3Settings parse(String location, Optional<URI> endpoint, String region, boolean pathStyle,
                                       Optional<String> accessKeyId, Optional<String> secretAccessKey) {
            URI uri = URI.create(location);
            if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--artifacts must look like s3://bucket[/prefix], got " + location);
            }
            return new S3Settings(uri.getHost(), uri.getPath(), endpoint, region, pathStyle, accessKeyId, secretAccessKey);
        }

        @Override
        public String toString() {
            // Never print the secret.
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + endpoint.map(e -> " at " + e).orElse("");
        }
    }
}
