package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.keys.RegistrySigningKey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Signs deployment manifests with the registry's key. A manifest names every version that takes traffic, its
 * lineage hash, its share and the digest and size of each of its artifacts, and expires soon, so a deploy guard
 * can check everything it loads against it. Signing costs microseconds, so every read gets a fresh manifest.
 */
public final class ManifestSigner {
    public static final String PAYLOAD_TYPE = "application/vnd.model-registry.manifest+json";

    private final RegistrySigningKey key;
    private final Clock clock;
    private final Duration ttl;

    public ManifestSigner(RegistrySigningKey key, Clock clock, Duration ttl) {
        this.key = key;
        this.clock = clock;
        this.ttl = ttl;
    }

    public DsseEnvelope sign(DeploymentState state, Map<Long, List<Artifact>> artifactsByVersion) {
        Instant issued = Times.truncate(clock.instant());
        ObjectNode payload = Json.object().put("model", state.model()).put("revision", state.revision());
        Json.putTime(payload, "issued_at", issued);
        Json.putTime(payload, "expires_at", issued.plus(ttl));
        ArrayNode entries = payload.putArray("entries");
        state.production().ifPresent(slot -> entries.add(entry(slot, "production", artifactsByVersion)));
        state.canary().ifPresent(slot -> entries.add(entry(slot, "canary", artifactsByVersion)));
        return Dsse.sign(PAYLOAD_TYPE, Json.write(payload).getBytes(StandardCharsets.UTF_8), key.keyId(), key.privateKey());
    }

    private static ObjectNode entry(DeploymentState.Slot slot, String role, Map<Long, List<Artifact>> artifactsByVersion) {
        ObjectNode entry = Json.object().put("model_id", slot.modelId()).put("lineage_hash", slot.lineageHash())
                .put("pct", slot.pct()).put("role", role);
        ArrayNode artifacts = entry.putArray("artifacts");
        artifactsByVersion.getOrDefault(slot.versionDbId(), List.of()).forEach(a ->
                artifacts.addObject().put("path", a.path()).put("sha256", a.sha256()).put("size", a.size()));
        return entry;
    }
}
