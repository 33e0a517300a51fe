package dev.modelregistry.server.model;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.ownership.Health;
import dev.modelregistry.server.ownership.ModelHealth;
import dev.modelregistry.server.ownership.OwnershipService;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/** Routes for models and version registration. Owner-team membership is checked by {@link ModelService}. */
public final class ModelRoutes {
    private final ModelService models;
    private final OwnershipService ownership;
    private final RequestBody body;

    public ModelRoutes(ModelService models, OwnershipService ownership, RequestBody body) {
        this.models = models;
        this.ownership = ownership;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/models", AUTHENTICATED, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("name", "owner", "description");
                    String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
                    String owner = fields.valid(() -> Slug.require("owner", fields.requiredString("owner", 63)));
                    Optional<String> description = fields.optionalString("description", 2000);
                    fields.throwIfInvalid();
                    Model model = models.createModel(caller, name, owner, description);
                    ctx.header("Location", "/models/" + model.name());
                    Responses.json(ctx, 201, ownership.modelJson(model.name()));
                }),
                Route.get("/models", AUTHENTICATED, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    String after = Pages.after(ctx).orElse("");
                    Optional<Health> health = healthFilter(ctx);
                    if (health.isPresent()) {
                        List<ModelHealth> page = ownership.page(health.get(), after, limit + 1);
                        Responses.json(ctx, 200, Pages.render(page, limit,
                                h -> ownership.modelJson(h.model()), ModelHealth::model));
                        return;
                    }
                    List<Model> page = models.pageModels(after, limit + 1);
                    Responses.json(ctx, 200, Pages.render(page, limit, Model::toJson, Model::name));
                }),
                Route.get("/models/{name}", AUTHENTICATED, (ctx, caller) ->
                        Responses.json(ctx, 200, ownership.modelJson(modelName(ctx)))),
                Route.post("/models/{name}/versions", AUTHENTICATED, (ctx, caller) -> {
                    String model = modelName(ctx);
                    Registration registration = RegistrationParser.parse(body.object(ctx, false));
                    ModelService.Registered registered = models.register(caller, model, registration);
                    ctx.header("Location", "/models/" + model + "/versions/" + registered.version().modelId());
                    Responses.json(ctx, registered.created() ? 201 : 200, registered.version().toJson());
                }),
                Route.get("/models/{name}/versions", AUTHENTICATED, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    List<Version> page = models.pageVersions(modelName(ctx), Pages.after(ctx), limit + 1);
                    Responses.json(ctx, 200, Pages.render(page, limit, Version::toJson, Version::modelId));
                }),
                Route.get("/models/{name}/versions/{model_id}", AUTHENTICATED, (ctx, caller) ->
                        Responses.json(ctx, 200, models.getVersion(modelName(ctx), ctx.pathParam("model_id")).toJson())));
    }

    private static Optional<Health> healthFilter(Context ctx) {
        String text = ctx.queryParam("health");
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text) {
            case "ok", "warning", "expired", "orphan" -> Optional.of(Health.fromWire(text));
            default -> throw RegistryException.invalid("health", "must be ok, warning, expired or orphan");
        };
    }

    private static String modelName(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("model");
        }
        return name;
    }
}
