package dev.modelregistry.core.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules an evaluation report's in-toto statement must follow, in one place for the registry (which refuses an
 * invalid report with 422 statement-invalid or subject-mismatch) and for the evaluators' signing tools (which
 * refuse to sign one). The Python client's {@code modelreg.statement} mirrors these rules.
 */
public final class EvaluationStatementCheck {
    private static final int MAX_TEXT = 128;
    private static final int MAX_METRIC_TEXT = 1024;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");
    private static final Set<String> PREDICATE_FIELDS =
            Set.of("report_id", "objective", "verdict", "metrics", "evaluator", "created_at");

    private EvaluationStatementCheck() {
    }

    /** A statement that follows every rule: its one subject and its predicate's values. */
    public record Valid(String modelId, String lineageHash, String reportId, String objective, String verdict,
                        ObjectNode metrics, String evaluator, String createdAt) {
    }

    /**
     * Checks a parsed statement: {@link ErrorCode#STATEMENT_INVALID} with every field error found, else
     * {@link ErrorCode#SUBJECT_MISMATCH} unless it names exactly one subject with a sha256 digest.
     *
     * @param signerEvaluator the evaluator whose key signed the report, which the predicate must name; null when
     *                        not known yet (signing)
     */
    public static Valid check(ObjectNode statement, String signerEvaluator) {
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
        String verdict = verdict(errors, predicate);
        ObjectNode metrics = metrics(errors, predicate);
        String evaluator = text(errors, predicate, "evaluator");
        if (signerEvaluator != null && evaluator != null && !evaluator.equals(signerEvaluator)) {
            errors.add(new FieldError("predicate.evaluator",
                    "must name " + signerEvaluator + ", the evaluator whose key signed the report"));
        }
        String createdAt = createdAt(errors, predicate);
        if (!errors.isEmpty()) {
            throw statementInvalid(errors);
        }
        JsonNode subject = onlySubject(subjects);
        return new Valid(subject.get("name").textValue(), subject.get("digest").get("sha256").textValue(),
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

    private static String verdict(List<FieldError> errors, JsonNode predicate) {
        JsonNode value = predicate.get("verdict");
        if (value != null && value.isTextual() && Set.of("pass", "fail").contains(value.textValue())) {
            return value.textValue();
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
