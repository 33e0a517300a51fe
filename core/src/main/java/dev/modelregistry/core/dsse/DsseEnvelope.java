package dev.modelregistry.core.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope ({@code payloadType}, base64 {@code payload}, {@code signatures: [{keyid, sig}]}). Parsing
 * accepts standard and URL-safe base64, with or without padding; writing uses standard base64.
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    public DsseEnvelope {
        signatures = List.copyOf(signatures);
    }

    /** Parses an envelope, throwing {@link IllegalArgumentException} with a readable reason when it is malformed. */
    public static DsseEnvelope parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the envelope must be a JSON object");
        }
        String payloadType = text(json, "payloadType");
        byte[] payload = base64(text(json, "payload"), "payload");
        JsonNode signatures = json.get("signatures");
        if (signatures == null || !signatures.isArray() || signatures.isEmpty()) {
            throw new IllegalArgumentException("signatures must be a non-empty array");
        }
        List<DsseSignature> parsed = new ArrayList<>();
        for (JsonNode signature : signatures) {
            if (!signature.isObject()) {
                throw new IllegalArgumentException("each signature must be an object {keyid, sig}");
            }
            JsonNode keyid = signature.get("keyid");
            parsed.add(new DsseSignature(keyid == null || keyid.isNull() ? "" : keyid.asText(),
                    base64(text(signature, "sig"), "sig")));
        }
        return new DsseEnvelope(payloadType, payload, parsed);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("payloadType", payloadType);
        json.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode array = json.putArray("signatures");
        signatures.forEach(s -> array.addObject().put("keyid", s.keyid())
                .put("sig", Base64.getEncoder().encodeToString(s.sig())));
        return json;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }

    /** Standard or URL-safe alphabet, padding optional, as DSSE implementations differ. */
    static byte[] base64(String text, String field) {
        String normalised = text.replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(normalised);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64");
        }
    }
}
