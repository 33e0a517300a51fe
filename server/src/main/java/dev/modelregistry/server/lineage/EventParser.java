package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.CanonicalJson;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

/** Parses and validates one NDJSON line of a given kind; a bad line becomes a rejection, never an exception. */
final class EventParser {
    static final int MAX_ID_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("^[\\x21-\\x7e]{1," + MAX_ID_LENGTH + "}$");

    private EventParser() {
    }

    /** A parsed line, or the reason it was rejected (with the id when one could be read). */
    sealed interface Parsed permits Valid, Invalid {
    }

    record Valid(LineageEvent event) implements Parsed {
    }

    record Invalid(IngestResult rejection) implements Parsed {
    }

    static Parsed parse(EventKind kind, long line, String text) {
        ObjectNode object;
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (!(node instanceof ObjectNode o)) {
                return invalid(line, null, "a line must be one JSON object");
            }
            object = o;
        } catch (JsonProcessingException e) {
            return invalid(line, null, Json.tooDeepField(e, text.getBytes(StandardCharsets.UTF_8)).map(field -> field + " " + Json.tooDeepMessage())
                    .orElse("not valid JSON: " + e.getOriginalMessage()));
        }
        String id = text(object, kind.idField());
        if (id == null || !ID.matcher(id).matches()) {
            return invalid(line, null, kind.idField() + " must be 1–" + MAX_ID_LENGTH + " visible ASCII characters");
        }
        String referenceField = kind == EventKind.SIGNAL ? "model_id" : "signal_id";
        String reference = text(object, referenceField);
        if (reference == null || !ID.matcher(reference).matches()) {
            return invalid(line, id, referenceField + " must be 1–" + MAX_ID_LENGTH + " visible ASCII characters");
        }
        String timeText = text(object, kind.timeField());
        Instant time = Times.rfc3339(timeText).orElse(null);
        if (time == null) {
            return invalid(line, id, kind.timeField() + " must be an RFC 3339 timestamp with offset");
        }
        String body;
        String sha;
        try {
            body = Json.write(object);
            sha = CanonicalJson.sha256Of(object);
        } catch (RuntimeException e) {
            return invalid(line, id, "the event cannot be canonicalised: " + e.getMessage());
        }
        return new Valid(new LineageEvent(line, id, time, reference, body, sha, text));
    }

    private static String text(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static Invalid invalid(long line, String id, String reason) {
        return new Invalid(IngestResult.rejected(line, id, reason));
    }
}
