package dev.modelregistry.server.artifact;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;

/** One file of a version: its path and the blob (digest and size) it names. */
public record Artifact(String path, String sha256, long size, String mediaType, String uploadedBy, Instant uploadedAt) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("path", path).put("sha256", sha256).put("size", size)
                .put("media_type", mediaType).put("uploaded_by", uploadedBy);
        return Json.putTime(json, "uploaded_at", uploadedAt);
    }
}
