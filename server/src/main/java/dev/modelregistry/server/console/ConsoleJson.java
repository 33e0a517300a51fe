package dev.modelregistry.server.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The audit detail of console sessions. */
public final class ConsoleJson {
    private ConsoleJson() {
    }

    public static ObjectNode session(ConsoleSession session) {
        ObjectNode json = Json.object().put("principal", session.principal());
        Json.putTime(json, "created_at", session.createdAt());
        return Json.putTime(json, "expires_at", session.expiresAt());
    }
}
