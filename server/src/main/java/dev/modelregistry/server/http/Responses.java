package dev.modelregistry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;

/**
 * Writes JSON responses. The body text is also kept on the context so that an idempotent POST can store
 * exactly what was sent and replay it.
 */
public final class Responses {
    static final String BODY_ATTRIBUTE = "modelreg.responseBody";

    private Responses() {
    }

    public static void json(Context ctx, int status, JsonNode body) {
        String text = Json.write(body);
        ctx.attribute(BODY_ATTRIBUTE, text);
        ctx.status(status).contentType("application/json").result(text.getBytes(StandardCharsets.UTF_8));
    }

    public static void noContent(Context ctx) {
        ctx.status(204);
    }
}
