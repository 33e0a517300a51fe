package dev.modelregistry.server.ownership;

import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.model.DeprecationPolicy;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelJson;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The HTTP adapter for GET /orphans, the admin's reassignment, and per-model deprecation policies. */
public final class OwnershipHttp {
    private final OwnershipService ownership;
    private final RequestBody body;

    public OwnershipHttp(OwnershipService ownership, RequestBody body) {
        this.ownership = ownership;
        this.body = body;
    }

    public void orphans(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        List<ModelHealth> page = ownership.orphans(Pages.after(ctx).orElse(""), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, OwnershipJson::orphan, h -> h.model().value()));
    }

    public void reassign(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("owner");
        String owner = fields.valid(() -> Slug.require("owner", fields.requiredString("owner", 63)));
        fields.throwIfInvalid();
        Responses.json(ctx, 200, ModelJson.view(ownership.reassign(caller, PathParams.model(ctx), owner)));
    }

    public void setPolicy(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("deprecation_policy");
        DeprecationPolicy policy = policy(fields);
        fields.throwIfInvalid();
        Responses.json(ctx, 200, ModelJson.view(ownership.setPolicy(caller, PathParams.model(ctx), policy)));
    }

    private static DeprecationPolicy policy(JsonFields fields) {
        Optional<JsonFields> nested = fields.optionalNested("deprecation_policy");
        if (nested.isEmpty()) {
            fields.error("deprecation_policy", "is required (fields warn_after, expire_after, orphan_after; null resets one)");
            return null;
        }
        JsonFields policy = nested.get().allowOnly("warn_after", "expire_after", "orphan_after");
        return new DeprecationPolicy(duration(policy, "warn_after"), duration(policy, "expire_after"),
                duration(policy, "orphan_after"));
    }

    /** An ISO-8601 duration field; absent or null means the global default, an invalid one is recorded as an error. */
    private static Optional<Duration> duration(JsonFields policy, String field) {
        Optional<Duration> value = policy.valid(() ->
                DeprecationPolicy.duration(field, policy.optionalString(field, 40).orElse(null)));
        return value == null ? Optional.empty() : value;
    }
}
