package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.identity.ModelName;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs deployment manifests with the registry's key. A manifest names every version that takes traffic, its
 * lineage hash, its share and the digest and size of each of its artifacts, and expires soon, so a deploy guard
 * can check everything it loads against it. Signing costs about a millisecond, and a change wakes every watcher at
 * once, so a manifest signed for the same model, revision and key less than a second ago is handed out again
 * instead of signing a hundred identical ones. The content depends only on the revision (promoted versions are
 * sealed), so the reuse changes nothing but the issue time; it is a per-instance saving, not a source of truth.
 */
public final class ManifestSigner {
    public static final String PAYLOAD_TYPE = "application/vnd.model-registry.manifest+json";

    private static final Duration REUSE = Duration.ofSeconds(1);

    private final RegistrySigningKey key;
    private final Clock clock;
    private final Duration ttl;
    private final Map<ModelName, Signed> recent = new ConcurrentHashMap<>();

    private record Signed(long revision, String keyid, Instant issued, DsseEnvelope envelope) {
    }

    public ManifestSigner(RegistrySigningKey key, Clock clock, Duration ttl) {
        this.key = key;
        this.clock = clock;
        this.ttl = ttl;
    }

    public DsseEnvelope sign(DeploymentState state, Map<Long, List<Artifact>> artifactsByVersion) {
        Instant now = Times.truncate(clock.instant());
        String keyid = key.keyId();
        Signed last = recent.get(state.model());
        if (last != null && last.revision() == state.revision() && last.keyid().equals(keyid)
                && !last.issued().isAfter(now) && last.issued().plus(REUSE).isAfter(now)) {
            return last.envelope();
        }
        DsseEnvelope envelope = signNow(state, artifactsByVersion, now);
        recent.put(state.model(), new Signed(state.revision(), keyid, now, envelope));
        return envelope;
    }

    private DsseEnvelope signNow(DeploymentState state, Map<Long, List<Artifact>> artifactsByVersion, Instant issued) {
        ObjectNode payload = Json.object().put("model", state.model().value()).put("revision", state.revision());
        Json.putTime(payload, "issued_at", issued);
        Json.putTime(payload, "expires_at", issued.plus(ttl));
        payload.set("entries", DeploymentJson.entries(state, artifactsByVersion));
        return Dsse.sign(PAYLOAD_TYPE, Json.write(payload).getBytes(StandardCharsets.UTF_8), key.keyId(), key.privateKey());
    }
}
