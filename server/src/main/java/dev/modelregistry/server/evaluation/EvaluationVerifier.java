package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.DsseSignature;
import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.core.dsse.EvaluationStatements;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.json.Json;

import java.io.IOException;
import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
    private static final int MAX_TEXT = 128;
    private static final int MAX_METRIC_TEXT = 1024;
    private static final Pattern BASE64 = Pattern.compile("^[A-Za-z0-9+/_-]*={0,2}$");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");
    private static final Set<String> PREDICATE_FIELDS =
            Set.of("report_id", "objective", "verdict", "metrics", "evaluator", "created_at");

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

    private static EvaluationStatement statement(byte[] payload, String signerEvaluator) {
        ObjectNode statement = statementObject(payload);
        List<FieldError> errors = new ArrayList<>();
        expectText(errors, statement, "_type", EvaluationStatements.STATEMENT_TYPE);
        expectText(errors, statement, "predicateType", EvaluationStatements.PREDICATE_TYPE);
        JsonNode subjects = subjects(errors, statement);
        JsonNode predicate = statement.get("predicate");
        if (predicate == null || !predicate.isObject()) {
            errors.add(new FieldError("predicate", "must be an object"));
            throw statementInvalid(errors);
        }
        unknownPredicateFields(errors, predicate);
        String reportId = text(errors, predicate, "report_id");
        String objective = text(errors, predicate, "objective");
        EvaluationReport.Verdict verdict = verdict(errors, predicate);
        ObjectNode metrics = metrics(errors, predicate);
        String evaluator = text(errors, predicate, "evaluator");
        if (evaluator != null && !evaluator.equals(signerEvaluator)) {
            errors.add(new FieldError("predicate.evaluator",
                    "must name " + signerEvaluator + ", the evaluator whose key signed the report"));
        }
        String createdAt = createdAt(errors, predicate);
        if (!errors.isEmpty()) {
            throw statementInvalid(errors);
        }
        JsonNode subject = onlySubject(subjects);
        return new EvaluationStatement(subject.get("name").textValue(), subject.get("digest").get("sha256").textValue(),
                reportId, objective, verdict, metrics, evaluator, createdAt);
    }

    /** The subject array, each entry checked for shape; how many there are is checked once the rest is valid. */
    private static JsonNode subjects(List<FieldError> errors, ObjectNode statement) {
        JsonNode subjects = statement.get("subject");
        if (subjects == null || !subjects.isArray()) {
            errors.add(new FieldError("subject", "must be an array of {name, digest}"));
            return subjects;
        }
        for (int i = 0; i < subjects.size(); i++) {
            JsonNode subject = subjects.get(i);
            if (!subject.isObject() || !subject.path("name").isTextual() || !subject.path("digest").isObject()) {
                errors.add(new FieldError("subject[" + i + "]", "must be an object {name: string, digest: object}"));
            }
        }
        return subjects;
    }

    private static void unknownPredicateFields(List<FieldError> errors, JsonNode predicate) {
        for (Iterator<String> names = predicate.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PREDICATE_FIELDS.contains(name)) {
                errors.add(new FieldError("predicate." + name, "is not a known field"));
            }
        }
    }

    /** A report is about exactly one version, named by its lineage hash as the subject's sha256 digest. */
    private static JsonNode onlySubject(JsonNode subjects) {
        if (subjects.size() != 1) {
            throw new RegistryException(ErrorCode.SUBJECT_MISMATCH,
                    "a report names exactly one subject, this one names " + subjects.size());
        }
        JsonNode digest = subjects.get(0).get("digest").get("sha256");
        if (digest == null || !digest.isTextual()) {
            throw new RegistryException(ErrorCode.SUBJECT_MISMATCH, "the subject has no sha256 digest (its lineage hash)");
        }
        return subjects.get(0);
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

    private static void expectText(List<FieldError> errors, JsonNode node, String field, String expected) {
        if (!expected.equals(node.path(field).textValue())) {
            errors.add(new FieldError(field, "must be " + expected));
        }
    }

    private static String text(List<FieldError> errors, JsonNode predicate, String field) {
        JsonNode value = predicate.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_TEXT
                || CONTROL.matcher(value.textValue()).find()) {
            errors.add(new FieldError("predicate." + field, "must be a string of 1–" + MAX_TEXT
                    + " printable characters"));
            return null;
        }
        return value.textValue();
    }

    private static EvaluationReport.Verdict verdict(List<FieldError> errors, JsonNode predicate) {
        JsonNode value = predicate.get("verdict");
        if (value != null && value.isTextual()) {
            for (EvaluationReport.Verdict verdict : EvaluationReport.Verdict.values()) {
                if (verdict.wire().equals(value.textValue())) {
                    return verdict;
                }
            }
        }
        errors.add(new FieldError("predicate.verdict", "must be \"pass\" or \"fail\""));
        return null;
    }

    private static ObjectNode metrics(List<FieldError> errors, JsonNode predicate) {
        JsonNode value = predicate.get("metrics");
        if (!(value instanceof ObjectNode metrics)) {
            errors.add(new FieldError("predicate.metrics", "must be an object of numbers or strings"));
            return null;
        }
        metrics.properties().forEach(metric -> {
            String field = "predicate.metrics." + metric.getKey();
            JsonNode v = metric.getValue();
            boolean goodName = !metric.getKey().isEmpty() && metric.getKey().length() <= MAX_TEXT
                    && !CONTROL.matcher(metric.getKey()).find();
            boolean goodValue = v.isNumber() ? Double.isFinite(v.doubleValue())
                    : v.isTextual() && v.textValue().length() <= MAX_METRIC_TEXT && !CONTROL.matcher(v.textValue()).find();
            if (!goodName) {
                errors.add(new FieldError("predicate.metrics", "metric names are 1–" + MAX_TEXT
                        + " printable characters"));
            } else if (!goodValue) {
                errors.add(new FieldError(field, "must be a finite number or a string of at most " + MAX_METRIC_TEXT
                        + " printable characters"));
            }
        });
        return metrics;
    }

    private static String createdAt(List<FieldError> errors, JsonNode predicate) {
        JsonNode value = predicate.get("created_at");
        if (value != null && value.isTextual() && RFC3339.matcher(value.textValue()).matches()) {
            try {
                OffsetDateTime.parse(value.textValue());
                return value.textValue();
            } catch (DateTimeParseException e) {
                // an impossible date such as 2026-02-30: reported below
            }
        }
        errors.add(new FieldError("predicate.created_at", "must be an RFC 3339 timestamp with offset"));
        return null;
    }

    private static RegistryException statementInvalid(List<FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        return new RegistryException(ErrorCode.STATEMENT_INVALID,
                "the payload is not an evaluation report statement: " + fields, errors);
    }
}
