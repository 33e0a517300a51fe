package dev.modelregistry.server.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of artifacts (audit details use the same shape). */
public final class ArtifactJson {
    private ArtifactJson() {
    }

    public static ObjectNode artifact(Artifact artifact) {
        ObjectNode json = Json.object().put("path", artifact.path()).put("sha256", artifact.sha256())
                .put("size", artifact.size()).put("media_type", artifact.mediaType())
                .put("uploaded_by", artifact.uploadedBy());
        return Json.putTime(json, "uploaded_at", artifact.uploadedAt());
    }
}
