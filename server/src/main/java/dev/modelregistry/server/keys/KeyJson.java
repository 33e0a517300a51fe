package dev.modelregistry.server.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.util.List;

/** The API's JSON of the registry's public keys (audit details use the same shapes). */
public final class KeyJson {
    private KeyJson() {
    }

    /** {@code {"keys": [...]}}: what GET /keys and a rotation answer. */
    public static ObjectNode keys(List<RegistryKey> keys) {
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("keys");
        keys.forEach(key -> array.add(key(key)));
        return json;
    }

    public static ObjectNode key(RegistryKey key) {
        ObjectNode json = Json.object().put("keyid", key.keyid()).put("algorithm", "Ed25519")
                .put("public_key_pem", key.publicKeyPem()).put("status", key.status());
        Json.putTime(json, "created_at", key.createdAt());
        return Json.putTime(json, "retired_at", key.retiredAt().orElse(null));
    }

    public static ObjectNode change(KeyChange change) {
        return Json.object().put("keyid", change.keyid());
    }
}
