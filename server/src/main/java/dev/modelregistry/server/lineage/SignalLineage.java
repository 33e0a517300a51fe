package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

import java.util.List;

/** The answer of {@code GET /lineage/signals/{signal_id}}: the signal's lineage and its first fills. */
public record SignalLineage(Lineage lineage, List<String> fillsJson) {
    public SignalLineage {
        fillsJson = List.copyOf(fillsJson);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        lineage.writeTo(json);
        ArrayNode fills = json.putArray("fills");
        fillsJson.forEach(f -> fills.add(Json.readStored(f)));
        return json;
    }
}
