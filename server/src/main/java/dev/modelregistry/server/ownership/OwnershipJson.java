package dev.modelregistry.server.ownership;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.ModelJson;
import dev.modelregistry.server.model.ModelHealth;

/** The API's JSON of orphans and of ownership changes (audit details use the same shapes). */
public final class OwnershipJson {
    private OwnershipJson() {
    }

    /** One entry of GET /orphans: the model, its owner, since when it is an orphan and why. */
    public static ObjectNode orphan(ModelHealth health) {
        ObjectNode json = Json.object().put("model", health.model().value()).put("owner", health.owner());
        Json.putTime(json, "since", health.since());
        return json.put("reason", health.reason());
    }

    public static ObjectNode ownerChange(OwnerChange change) {
        ObjectNode json = Json.object().put("owner", change.owner());
        if (change.health() != null) {
            json.set("health", ModelJson.health(change.health()));
        }
        return json;
    }
}
