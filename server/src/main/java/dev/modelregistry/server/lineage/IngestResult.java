package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.util.Locale;

/** The outcome of one NDJSON line, reported back to the sender in line order. */
public record IngestResult(long line, String id, Status status, String error) {
    /** What happened to a line. */
    public enum Status { ACCEPTED, DUPLICATE, CONFLICT, REJECTED }

    public static IngestResult rejected(long line, String id, String error) {
        return new IngestResult(line, id, Status.REJECTED, error);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("line", line).put("id", id)
                .put("status", status.name().toLowerCase(Locale.ROOT));
        return error == null ? json.putNull("error") : json.put("error", error);
    }
}
