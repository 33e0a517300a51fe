package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.Ed25519Pem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ManifestVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "a".repeat(64);

    private final KeyPair oldKey = Ed25519Pem.generate();
    private final KeyPair newKey = Ed25519Pem.generate();
    private final ManifestVerifier verifier = new ManifestVerifier("xsmom",
            List.of(oldKey.getPublic(), newKey.getPublic()));

    @Test
    void anyPinnedKeyVerifiesSoAKeyRotationNeedsNoRedeploy() {
        Manifest manifest = verifier.verify(signed(manifest(60, 40), newKey));

        assertThat(manifest.revision()).isEqualTo(7);
        assertThat(manifest.production().orElseThrow().pct()).isEqualTo(60);
        assertThat(manifest.canary().orElseThrow().artifacts())
                .containsExactly(new Manifest.ArtifactRef("weights/model.bin", SHA, 12));
        assertThat(manifest.expiresAt()).isEqualTo(Instant.parse("2026-05-15T10:10:00Z"));
    }

    @Test
    void sharesThatDoNotAddUpTo100AreMalformed() {
        assertRefused(signed(manifest(60, 50), oldKey), Reason.MALFORMED_MANIFEST, "110%");
    }

    @Test
    void anArtifactPathLeavingTheVersionIsMalformed() {
        ObjectNode payload = manifest(100, 0);
        ((ObjectNode) payload.get("entries").get(0).get("artifacts").get(0)).put("path", "../../etc/passwd");
        assertRefused(signed(payload, oldKey), Reason.MALFORMED_MANIFEST, "../../etc/passwd");
    }

    @Test
    void anEntryOfAnotherModelIsAMismatch() {
        ObjectNode payload = manifest(100, 0);
        ((ObjectNode) payload.get("entries").get(0)).put("model_id", "momentum@2026.05.01-r1");
        assertRefused(signed(payload, oldKey), Reason.MODEL_MISMATCH, "momentum@2026.05.01-r1");
    }

    @Test
    void anAlteredPayloadNoLongerVerifies() {
        ObjectNode envelope = signed(manifest(100, 0), oldKey);
        ObjectNode altered = manifest(100, 0).put("revision", 8);
        envelope.put("payload", Base64.getEncoder().encodeToString(altered.toString()
                .getBytes(StandardCharsets.UTF_8)));
        assertRefused(envelope, Reason.WRONG_KEY, "not signed by a pinned registry key");
    }

    @Test
    void aMissingEnvelopeIsUnsigned() {
        assertRefused(null, Reason.UNSIGNED, "no usable manifest envelope");
    }

    private void assertRefused(JsonNode envelope, Reason reason, String message) {
        DeployRefusedException refused = catchThrowableOfType(DeployRefusedException.class,
                () -> verifier.verify(envelope));
        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused).hasMessageContaining(message);
    }

    private static ObjectNode manifest(int productionPct, int canaryPct) {
        ObjectNode payload = JSON.createObjectNode().put("model", "xsmom").put("revision", 7)
                .put("issued_at", "2026-05-15T10:00:00.000000Z").put("expires_at", "2026-05-15T10:10:00Z");
        var entries = payload.putArray("entries");
        entries.add(entry("xsmom@2026.05.01-r1", productionPct, "production"));
        if (canaryPct > 0) {
            entries.add(entry("xsmom@2026.05.02-r1", canaryPct, "canary"));
        }
        return payload;
    }

    private static ObjectNode entry(String modelId, int pct, String role) {
        ObjectNode entry = JSON.createObjectNode().put("model_id", modelId).put("lineage_hash", "b".repeat(64))
                .put("pct", pct).put("role", role);
        entry.putArray("artifacts").addObject().put("path", "weights/model.bin").put("sha256", SHA).put("size", 12);
        return entry;
    }

    private static ObjectNode signed(ObjectNode payload, KeyPair key) {
        return Dsse.sign(ManifestVerifier.PAYLOAD_TYPE, payload.toString().getBytes(StandardCharsets.UTF_8),
                Ed25519Pem.keyId(key.getPublic()), key.getPrivate()).toJson();
    }
}
