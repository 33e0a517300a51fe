package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer to registering a version: the version, and whether this call created it (201) or found the
 * same lineage already registered under the model (200).
 */
public record Registration(boolean created, JsonNode version) {
    public String modelId() {
        return version.path("model_id").asText(null);
    }

    public String lineageHash() {
        return version.path("lineage_hash").asText(null);
    }
}
