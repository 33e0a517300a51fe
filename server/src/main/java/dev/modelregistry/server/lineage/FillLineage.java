package dev.modelregistry.server.lineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The answer of {@code GET /lineage/fills/{fill_id}}: the fill and everything its signal leads to. */
public record FillLineage(String fillJson, Lineage lineage) {
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.set("fill", Json.readStored(fillJson));
        lineage.writeTo(json);
        return json;
    }
}
