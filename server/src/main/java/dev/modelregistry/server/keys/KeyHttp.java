package dev.modelregistry.server.keys;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;

/** The HTTP adapter for GET /keys (public: deploy guards pin these) and the admin's key rotation. */
public final class KeyHttp {
    private final RegistryKeyService keys;
    private final RequestBody body;

    public KeyHttp(RegistryKeyService keys, RequestBody body) {
        this.keys = keys;
        this.body = body;
    }

    public void list(Context ctx, Caller caller) {
        Responses.json(ctx, 200, KeyJson.keys(keys.list()));
    }

    public void rotate(Context ctx, Caller caller) {
        body.object(ctx, true).allowOnly().throwIfInvalid();
        Responses.json(ctx, 200, KeyJson.keys(keys.rotate(caller)));
    }
}
