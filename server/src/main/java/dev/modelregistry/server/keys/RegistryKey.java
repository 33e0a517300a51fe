package dev.modelregistry.server.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.time.Instant;
import java.util.Optional;

/** A public key of the registry as published at GET /keys; retired keys stay listed so old manifests verify. */
public record RegistryKey(String keyid, String publicKeyPem, String status, Instant createdAt, Optional<Instant> retiredAt) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("keyid", keyid).put("algorithm", "Ed25519").put("public_key_pem", publicKeyPem)
                .put("status", status);
        Json.putTime(json, "created_at", createdAt);
        return Json.putTime(json, "retired_at", retiredAt.orElse(null));
    }
}
