package dev.modelregistry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads fields of a JSON object request and collects every problem instead of stopping at the first, so that a
 * client learns all that is wrong with a body in one round trip. Call {@link #throwIfInvalid()} before acting.
 */
public final class JsonFields {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern CONTROL_EXCEPT_LINE_BREAKS = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n]]");

    private final ObjectNode node;
    private final String prefix;
    private final List<FieldError> errors;

    public JsonFields(ObjectNode node) {
        this(node, "", new ArrayList<>());
    }

    private JsonFields(ObjectNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The whole object, for a body that its feature validates itself (a DSSE envelope). */
    public ObjectNode json() {
        return node;
    }

    /** Unknown fields are refused: a misspelt optional field must not be silently ignored. */
    public JsonFields allowOnly(String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                error(name, "is not a known field");
            }
        }
        return this;
    }

    public String requiredString(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "is required");
            return null;
        }
        return text(field, value, maxLength, CONTROL);
    }

    /** Like {@link #requiredString} but line breaks are allowed (PEM blocks). */
    public String requiredMultilineString(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "is required");
            return null;
        }
        return text(field, value, maxLength, CONTROL_EXCEPT_LINE_BREAKS);
    }

    public Optional<String> optionalString(String field, int maxLength) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.ofNullable(text(field, value, maxLength, CONTROL));
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            error(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    public Optional<Integer> optionalInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be a whole number");
            return Optional.empty();
        }
        return Optional.of(value.intValue());
    }

    public Optional<ObjectNode> optionalObject(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            error(field, "must be a JSON object");
            return Optional.empty();
        }
        return Optional.of(object);
    }

    /** A nested object read with the same error list, its fields reported as {@code field.sub}. */
    public Optional<JsonFields> optionalNested(String field) {
        return optionalObject(field).map(object -> new JsonFields(object, path(field) + ".", errors));
    }

    public Optional<ArrayNode> optionalArray(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ArrayNode array)) {
            error(field, "must be a JSON array");
            return Optional.empty();
        }
        return Optional.of(array);
    }

    public Optional<ArrayNode> requiredArray(String field) {
        if (node.get(field) == null || node.get(field).isNull()) {
            error(field, "is required");
            return Optional.empty();
        }
        return optionalArray(field);
    }

    /** Runs a value type's own validation and records its complaint instead of throwing. */
    public <T> T valid(Supplier<T> construct) {
        try {
            return construct.get();
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            e.errors().forEach(err -> errors.add(new FieldError(prefix + err.field(), err.message())));
            return null;
        }
    }

    public void error(String field, String message) {
        errors.add(new FieldError(path(field), message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
            throw new RegistryException(ErrorCode.VALIDATION_FAILED, "invalid field(s): " + fields, errors);
        }
    }

    private String text(String field, JsonNode value, int maxLength, Pattern forbidden) {
        if (!value.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.isEmpty() || text.length() > maxLength) {
            error(field, "must be 1–" + maxLength + " characters");
            return null;
        }
        if (forbidden.matcher(text).find()) {
            error(field, "must not contain control characters");
            return null;
        }
        return text;
    }

    private String path(String field) {
        return prefix + field;
    }
}
