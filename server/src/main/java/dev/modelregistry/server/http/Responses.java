package dev.modelregistry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * A JSON response carrying a secret that is shown once (a new token). What is kept for an Idempotency-Key
     * replay leaves the secret out, so it is never stored in clear; a retry learns the id but not the secret.
     */
    public static void jsonWithSecret(Context ctx, int status, ObjectNode body, String secretField) {
        ObjectNode withoutSecret = body.deepCopy();
        withoutSecret.remove(secretField);
        ctx.attribute(BODY_ATTRIBUTE, Json.write(withoutSecret));
        ctx.status(status).contentType("application/json").result(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    public static void noContent(Context ctx) {
        ctx.status(204);
    }
}
