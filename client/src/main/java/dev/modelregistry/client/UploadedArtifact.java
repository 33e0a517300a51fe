package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to uploading an artifact: the stored Artifact, and whether the path was new (201) or already held
 * an artifact (200: the same content, a no-op, or other content, now replaced — see {@link #outcome()}).
 */
public record UploadedArtifact(boolean created, JsonNode artifact) {
    public String path() {
        return artifact.path("path").asText(null);
    }

    public String sha256() {
        return artifact.path("sha256").asText(null);
    }

    public long size() {
        return artifact.path("size").asLong(-1);
    }

    /**
     * What the upload did as the registry reports it: {@code created}, {@code replaced} or {@code unchanged};
     * null when the answer does not say (then only {@link #created()} is known).
     */
    public String outcome() {
        JsonNode outcome = artifact.get("outcome");
        return outcome != null && outcome.isTextual() ? outcome.asText() : null;
    }
}
