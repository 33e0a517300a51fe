package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The HTTP adapter for models and version registration. Owner-team membership is checked by the services. */
public final class ModelHttp {
    private final ModelService models;
    private final RegistrationService registrations;
    private final RequestBody body;

    public ModelHttp(ModelService models, RegistrationService registrations, RequestBody body) {
        this.models = models;
        this.registrations = registrations;
        this.body = body;
    }

    public void create(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("name", "owner", "description");
        String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
        String owner = fields.valid(() -> Slug.require("owner", fields.requiredString("owner", 63)));
        Optional<String> description = fields.optionalString("description", 2000);
        fields.throwIfInvalid();
        Model model = models.createModel(caller, new ModelName(name), owner, description);
        ctx.header("Location", "/models/" + model.name());
        Responses.json(ctx, 201, ModelJson.view(models.view(model.name())));
    }

    /**
     * Models by name, found by the filters of {@link SearchParams#MODEL_FILTERS}; with {@code ?health=} each item
     * carries its health, as it always has.
     */
    public void list(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        String after = Pages.after(ctx).orElse("");
        ModelSearch search = SearchParams.models(ctx);
        List<ModelView> page = models.search(search, after, limit + 1);
        Function<ModelView, JsonNode> render = search.health().isPresent()
                ? ModelJson::view : view -> ModelJson.model(view.model());
        Responses.json(ctx, 200, Pages.render(page, limit, render, v -> v.model().name().value()));
    }

    public void get(Context ctx, Caller caller) {
        Responses.json(ctx, 200, ModelJson.view(models.view(PathParams.model(ctx))));
    }

    public void register(Context ctx, Caller caller) {
        ModelName model = PathParams.newModel(ctx);
        Registration registration = RegistrationParser.parse(body.object(ctx, false));
        RegistrationService.Registered registered = registrations.register(caller, model, registration);
        ctx.header("Location", "/models/" + model + "/versions/" + registered.version().modelId());
        Responses.json(ctx, registered.created() ? 201 : 200, ModelJson.version(registered.version()));
    }

    /** A model's versions in registration order, found by the filters of {@link SearchParams#VERSION_FILTERS}. */
    public void listVersions(Context ctx, Caller caller) {
        ModelName model = PathParams.model(ctx);
        int limit = Pages.limit(ctx);
        VersionSearch search = SearchParams.versions(ctx, false);
        List<Version> page = registrations.pageVersions(model, search, Pages.after(ctx), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, ModelJson::version, v -> v.modelId().toString()));
    }

    /** {@code GET /versions}: every model's versions in registration order, found by the same filters and model. */
    public void searchVersions(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        VersionSearch search = SearchParams.versions(ctx, true);
        List<Version> page = registrations.searchVersions(search, Pages.after(ctx), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, ModelJson::version, v -> v.modelId().toString()));
    }

    public void getVersion(Context ctx, Caller caller) {
        ModelName model = PathParams.model(ctx);
        Responses.json(ctx, 200, ModelJson.version(registrations.getVersion(model, PathParams.version(ctx, model))));
    }
}
