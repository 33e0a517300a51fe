package dev.modelregistry.server.keys;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;

import java.util.List;

import static dev.modelregistry.server.http.Access.ADMIN;
import static dev.modelregistry.server.http.Access.PUBLIC;

/** GET /keys (public: deploy guards pin these) and the admin's key rotation. */
public final class KeyRoutes {
    private final RegistryKeyService keys;
    private final RequestBody body;

    public KeyRoutes(RegistryKeyService keys, RequestBody body) {
        this.keys = keys;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/keys", PUBLIC, (ctx, caller) -> Responses.json(ctx, 200, render(keys.list()))),
                Route.post("/keys:rotate", ADMIN, (ctx, caller) -> {
                    body.object(ctx, true).allowOnly().throwIfInvalid();
                    Responses.json(ctx, 200, render(keys.rotate(caller)));
                }));
    }

    private static ObjectNode render(List<RegistryKey> list) {
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("keys");
        list.forEach(key -> array.add(key.toJson()));
        return json;
    }
}
