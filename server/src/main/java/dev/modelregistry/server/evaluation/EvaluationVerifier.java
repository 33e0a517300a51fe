package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.DsseSignature;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatementCheck;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.json.Json;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verifies an evaluation report envelope without touching the database, in the order of the contract: the envelope's
 * shape (400), its signature over the DSSE PAE against the active evaluator keys (the keyid only decides which keys
 * are tried first), the payload type, the statement's shape, and that it names exactly one subject. Each refusal
 * is a {@link RegistryException} with its own {@link ErrorCode}.
 */
public final class EvaluationVerifier {
    /** DSSE allows several signatures; a handful is plenty and bounds the work a hostile envelope can cause. */
    static final int MAX_SIGNATURES = 16;
    /** The request body limit is the real bound; this only keeps the arithmetic of the check finite. */
    private static final int MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;
    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/_-]*={0,2}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private EvaluationVerifier() {
    }

    /** A report whose signature verified with {@code key}, and its statement. */
    public record Verified(DsseEnvelope envelope, EvaluatorKey key, EvaluationStatement statement) {
    }

    /**
     * @param envelopeJson the request body
     * @param keys         every evaluator key, active and revoked, as stored right now
     */
    public static Verified verify(JsonNode envelopeJson, List<EvaluatorKey> keys) {
        DsseEnvelope envelope = envelope(envelopeJson);
        EvaluatorKey signer = signer(envelope, keys);
        if (!EvaluationStatements.PAYLOAD_TYPE.equals(envelope.payloadType())) {
            throw new RegistryException(ErrorCode.PAYLOAD_TYPE_INVALID, "payloadType is " + envelope.payloadType()
                    + "; an evaluation report is " + EvaluationStatements.PAYLOAD_TYPE);
        }
        return new Verified(envelope, signer, statement(envelope.payload(), signer.evaluator()));
    }

    /**
     * Checks a statement before it is signed, as {@link #verify} checks it once signed, but for the predicate's
     * evaluator, which only the key that signs it decides: what {@code modelreg sign-report} refuses to sign.
     */
    public static void checkBeforeSigning(byte[] payload) {
        EvaluationStatementCheck.check(statementObject(payload), null);
    }

    // ---- the envelope ----------------------------------------------------------------------------------------

    private static DsseEnvelope envelope(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "the envelope must be a JSON object");
        }
        JsonFields fields = new JsonFields(object).allowOnly("payloadType", "payload", "signatures");
        fields.requiredString("payloadType", 256);
        String payload = fields.requiredString("payload", MAX_PAYLOAD_CHARS);
        if (payload != null && !BASE64.matcher(payload).matches()) {
            fields.error("payload", "must be standard or URL-safe base64");
        }
        fields.requiredArray("signatures").ifPresent(signatures -> checkSignatures(fields, signatures));
        fields.throwIfInvalid();
        try {
            return DsseEnvelope.parse(object);
        } catch (IllegalArgumentException e) {
            // Only base64 the pattern let through but the decoder refused (a wrong final unit) gets here.
            throw RegistryException.invalid("envelope", e.getMessage());
        }
    }

    private static void checkSignatures(JsonFields fields, ArrayNode signatures) {
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            fields.error("signatures", "must hold 1–" + MAX_SIGNATURES + " signatures");
            return;
        }
        for (int i = 0; i < signatures.size(); i++) {
            String at = "signatures[" + i + "]";
            if (!(signatures.get(i) instanceof ObjectNode signature)) {
                fields.error(at, "must be an object {keyid, sig}");
                continue;
            }
            for (Iterator<String> names = signature.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("keyid") && !name.equals("sig")) {
                    fields.error(at + "." + name, "is not a known field");
                }
            }
            JsonNode keyid = signature.get("keyid");
            if (keyid != null && !keyid.isNull() && !(keyid.isTextual() && keyid.textValue().length() <= 256
                    && !CONTROL.matcher(keyid.textValue()).find())) {
                fields.error(at + ".keyid", "must be a string of at most 256 characters without control characters");
            }
            JsonNode sig = signature.get("sig");
            if (sig == null || !sig.isTextual() || sig.textValue().isEmpty() || !BASE64.matcher(sig.textValue()).matches()) {
                fields.error(at + ".sig", "is required: the signature in standard or URL-safe base64");
            }
        }
    }

    // ---- the signature ---------------------------------------------------------------------------------------

    /** The active key whose signature verifies; otherwise the refusal that best says why none did. */
    private static EvaluatorKey signer(DsseEnvelope envelope, List<EvaluatorKey> keys) {
        Set<String> hints = envelope.signatures().stream().map(DsseSignature::keyid).filter(k -> !k.isEmpty())
                .collect(Collectors.toSet());
        List<EvaluatorKey> active = keys.stream().filter(k -> k.revokedAt().isEmpty()).toList();
        // The keyid is unauthenticated: it only orders the keys, so a wrong or missing keyid costs time, not trust.
        Optional<EvaluatorKey> signer = Stream.concat(
                        active.stream().filter(k -> hints.contains(k.keyid())),
                        active.stream().filter(k -> !hints.contains(k.keyid())))
                .filter(k -> verifies(envelope, k))
                .findFirst();
        if (signer.isPresent()) {
            return signer.get();
        }
        List<EvaluatorKey> revoked = keys.stream().filter(k -> k.revokedAt().isPresent()).toList();
        Optional<EvaluatorKey> signedByRevoked = revoked.stream().filter(k -> verifies(envelope, k)).findFirst();
        if (signedByRevoked.isPresent()) {
            throw revoked(signedByRevoked.get());
        }
        if (active.stream().anyMatch(k -> hints.contains(k.keyid()))) {
            throw new RegistryException(ErrorCode.SIGNATURE_INVALID, "the signature does not verify over the DSSE "
                    + "PAE with key " + String.join(", ", hints.stream().sorted().toList())
                    + " or any other active evaluator key");
        }
        Optional<EvaluatorKey> hintedRevoked = revoked.stream().filter(k -> hints.contains(k.keyid())).findFirst();
        if (hintedRevoked.isPresent()) {
            throw revoked(hintedRevoked.get());
        }
        throw new RegistryException(ErrorCode.EVALUATION_KEY_UNKNOWN,
                "no registered evaluator key verifies the signature"
                        + (hints.isEmpty() ? "" : " and no key has keyid " + String.join(", ", hints.stream().sorted().toList())));
    }

    private static boolean verifies(DsseEnvelope envelope, EvaluatorKey key) {
        return publicKey(key).map(k -> Dsse.verifiedBy(envelope, k)).orElse(false);
    }

    /** Stored PEMs were checked when they were added; one that no longer parses simply verifies nothing. */
    private static Optional<PublicKey> publicKey(EvaluatorKey key) {
        try {
            return Optional.of(Ed25519Pem.publicKey(key.publicKeyPem()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RegistryException revoked(EvaluatorKey key) {
        return new RegistryException(ErrorCode.EVALUATION_KEY_REVOKED, "key " + key.keyid() + " of evaluator "
                + key.evaluator() + " was revoked" + key.revokedAt().map(at -> " at " + at).orElse(""));
    }

    // ---- the statement ---------------------------------------------------------------------------------------

    /** The statement's rules are core's, shared with the signing tools so that they refuse what this would. */
    private static EvaluationStatement statement(byte[] payload, String signerEvaluator) {
        EvaluationStatementCheck.Valid valid = EvaluationStatementCheck.check(statementObject(payload), signerEvaluator);
        return new EvaluationStatement(valid.modelId(), valid.lineageHash(), valid.reportId(), valid.objective(),
                EvaluationReport.Verdict.fromWire(valid.verdict()), valid.metrics(), valid.evaluator(),
                valid.createdAt());
    }

    /** The payload parsed strictly: a duplicate key would let two readers of one signed statement disagree. */
    private static ObjectNode statementObject(byte[] payload) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new RegistryException(ErrorCode.STATEMENT_INVALID, Json.tooDeepField(e, payload)
                    .map(field -> "the payload's " + field + " " + Json.tooDeepMessage())
                    .orElse("the payload is not valid JSON"));
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.STATEMENT_INVALID, "the payload is not valid JSON");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new RegistryException(ErrorCode.STATEMENT_INVALID, "the payload must be a JSON object");
        }
        return object;
    }
}
