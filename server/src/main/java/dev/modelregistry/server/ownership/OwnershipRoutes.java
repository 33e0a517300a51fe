package dev.modelregistry.server.ownership;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.config.OwnershipConfig;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.modelregistry.server.http.Access.ADMIN;
import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/** GET /orphans, the admin's reassignment, and per-model deprecation policies. */
public final class OwnershipRoutes {
    private final OwnershipService ownership;
    private final OwnershipConfig defaults;
    private final RequestBody body;

    public OwnershipRoutes(OwnershipService ownership, OwnershipConfig defaults, RequestBody body) {
        this.ownership = ownership;
        this.defaults = defaults;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/orphans", AUTHENTICATED, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    List<ModelHealth> page = ownership.page(Health.ORPHAN, Pages.after(ctx).orElse(""), limit + 1);
                    Responses.json(ctx, 200, Pages.render(page, limit, OwnershipRoutes::orphanJson, ModelHealth::model));
                }),
                Route.post("/models/{name}:reassign", ADMIN, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("owner");
                    String owner = fields.valid(() -> Slug.require("owner", fields.requiredString("owner", 63)));
                    fields.throwIfInvalid();
                    Responses.json(ctx, 200, ownership.reassign(caller, model(ctx), owner));
                }),
                new Route(HandlerType.PATCH, "/models/{name}", ADMIN, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("deprecation_policy");
                    DeprecationPolicy policy = policy(fields);
                    fields.throwIfInvalid();
                    Responses.json(ctx, 200, ownership.setPolicy(caller, model(ctx), policy,
                            new OwnershipService.OwnershipDefaults(defaults.warnAfter(), defaults.expireAfter(),
                                    defaults.orphanAfter())));
                }));
    }

    private static DeprecationPolicy policy(JsonFields fields) {
        Optional<JsonFields> nested = fields.optionalNested("deprecation_policy");
        if (nested.isEmpty()) {
            fields.error("deprecation_policy", "is required (fields warn_after, expire_after, orphan_after; null resets one)");
            return null;
        }
        JsonFields policy = nested.get().allowOnly("warn_after", "expire_after", "orphan_after");
        Optional<Duration> warn = policy.valid(() -> DeprecationPolicy.duration("warn_after", policy.optionalString("warn_after", 40).orElse(null)));
        Optional<Duration> expire = policy.valid(() -> DeprecationPolicy.duration("expire_after", policy.optionalString("expire_after", 40).orElse(null)));
        Optional<Duration> orphan = policy.valid(() -> DeprecationPolicy.duration("orphan_after", policy.optionalString("orphan_after", 40).orElse(null)));
        return new DeprecationPolicy(orNone(warn), orNone(expire), orNone(orphan));
    }

    private static <T> Optional<T> orNone(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode orphanJson(ModelHealth health) {
        com.fasterxml.jackson.databind.node.ObjectNode json = Json.object().put("model", health.model()).put("owner", health.owner());
        Json.putTime(json, "since", health.since());
        return json.put("reason", health.reason());
    }

    private static String model(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("model");
        }
        return name;
    }
}
