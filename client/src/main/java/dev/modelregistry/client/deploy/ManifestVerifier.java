package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.DsseSignature;
import dev.modelregistry.core.dsse.Ed25519Pem;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a deployment manifest's DSSE envelope against the pinned registry keys and reads its payload. Nothing of
 * the payload is looked at before the signature verified; the unsigned fields around the manifest are never used.
 */
public final class ManifestVerifier {
    /** The DSSE payload type of every deployment manifest. */
    public static final String PAYLOAD_TYPE = "application/vnd.model-registry.manifest+json";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final List<PublicKey> pinnedKeys;

    public ManifestVerifier(String model, List<PublicKey> pinnedKeys) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the model name is required");
        }
        if (pinnedKeys == null || pinnedKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one pinned registry public key is required");
        }
        this.model = model;
        this.pinnedKeys = List.copyOf(pinnedKeys);
    }

    /** The key ids (as {@code GET /keys} names them) of the pinned keys, for messages and logs. */
    public List<String> pinnedKeyIds() {
        return pinnedKeys.stream().map(Ed25519Pem::keyId).toList();
    }

    /** Verifies the envelope (the {@code manifest} field of a Deployment) and returns its payload. */
    public Manifest verify(JsonNode envelopeJson) {
        DsseEnvelope envelope;
        try {
            envelope = DsseEnvelope.parse(envelopeJson);
        } catch (IllegalArgumentException e) {
            throw new DeployRefusedException(Reason.UNSIGNED, "the deployment of " + model
                    + " carries no usable manifest envelope: " + e.getMessage());
        }
        if (!PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new DeployRefusedException(Reason.UNSIGNED, "the envelope's payloadType is '"
                    + envelope.payloadType() + "', not " + PAYLOAD_TYPE);
        }
        if (pinnedKeys.stream().noneMatch(key -> Dsse.verifiedBy(envelope, key))) {
            List<String> signers = envelope.signatures().stream().map(DsseSignature::keyid).toList();
            throw new DeployRefusedException(Reason.WRONG_KEY, "the manifest of " + model
                    + " is not signed by a pinned registry key (signed by keyid " + signers + ", pinned "
                    + pinnedKeyIds() + ")");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(envelope.payload());
        } catch (IOException e) {
            throw malformed("the payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw malformed("the payload is not a JSON object");
        }
        String manifestModel = text(payload, "model");
        if (!model.equals(manifestModel)) {
            throw new DeployRefusedException(Reason.MODEL_MISMATCH, "the manifest is for model '" + manifestModel
                    + "', this guard loads '" + model + "'");
        }
        JsonNode revision = payload.get("revision");
        if (revision == null || !revision.canConvertToExactIntegral() || revision.asLong() < 0) {
            throw malformed("revision must be a whole number, 0 or more");
        }
        List<Manifest.Entry> entries = entries(payload.get("entries"));
        return new Manifest(manifestModel, revision.asLong(), time(payload, "issued_at"),
                time(payload, "expires_at"), entries);
    }

    private List<Manifest.Entry> entries(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw malformed("entries must be an array");
        }
        List<Manifest.Entry> entries = new ArrayList<>();
        Set<Manifest.Role> roles = EnumSet.noneOf(Manifest.Role.class);
        int total = 0;
        for (JsonNode node : array) {
            Manifest.Entry entry = entry(node);
            if (!roles.add(entry.role())) {
                throw malformed("more than one " + entry.role().wire() + " entry");
            }
            total += entry.pct();
            entries.add(entry);
        }
        if (!entries.isEmpty() && total != 100) {
            throw malformed("the entries' shares add up to " + total + "%, not 100%");
        }
        return entries;
    }

    private Manifest.Entry entry(JsonNode node) {
        if (!node.isObject()) {
            throw malformed("each entry must be an object");
        }
        String modelId = text(node, "model_id");
        if (modelId == null || !modelId.startsWith(model + "@")) {
            throw new DeployRefusedException(Reason.MODEL_MISMATCH, "the manifest names version '" + modelId
                    + "', which is not a version of " + model);
        }
        String lineageHash = text(node, "lineage_hash");
        if (lineageHash == null || lineageHash.isEmpty()) {
            throw malformed(modelId + " has no lineage_hash");
        }
        JsonNode pct = node.get("pct");
        if (pct == null || !pct.canConvertToExactIntegral() || pct.asInt() < 0 || pct.asInt() > 100) {
            throw malformed(modelId + ": pct must be a whole number from 0 to 100");
        }
        Manifest.Role role = switch (String.valueOf(text(node, "role"))) {
            case "production" -> Manifest.Role.PRODUCTION;
            case "canary" -> Manifest.Role.CANARY;
            default -> throw malformed(modelId + ": role must be production or canary");
        };
        JsonNode artifacts = node.get("artifacts");
        if (artifacts == null || !artifacts.isArray()) {
            throw malformed(modelId + ": artifacts must be an array");
        }
        List<Manifest.ArtifactRef> refs = new ArrayList<>();
        for (JsonNode artifact : artifacts) {
            refs.add(artifact(modelId, artifact));
        }
        return new Manifest.Entry(modelId, lineageHash, pct.asInt(), role, refs);
    }

    private Manifest.ArtifactRef artifact(String modelId, JsonNode node) {
        String path = node.isObject() ? text(node, "path") : null;
        if (!isSafePath(path)) {
            throw malformed(modelId + ": artifact path '" + path + "' is not a relative path of plain segments");
        }
        String sha256 = text(node, "sha256");
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw malformed(modelId + "/" + path + ": sha256 must be 64 lower-case hex characters");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToExactIntegral() || size.asLong() < 0) {
            throw malformed(modelId + "/" + path + ": size must be a whole number of bytes");
        }
        return new Manifest.ArtifactRef(path, sha256, size.asLong());
    }

    private static boolean isSafePath(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private Instant time(JsonNode payload, String field) {
        String text = text(payload, field);
        if (text == null) {
            throw malformed(field + " is missing");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(field + " is not an RFC 3339 time: " + text);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private DeployRefusedException malformed(String why) {
        return new DeployRefusedException(Reason.MALFORMED_MANIFEST, "the signed manifest of " + model
                + " is malformed: " + why);
    }
}
