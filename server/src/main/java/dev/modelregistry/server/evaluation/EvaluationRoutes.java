package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.util.List;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/**
 * Routes for signed evaluation reports. Any authenticated caller may submit one: the envelope's signature, checked
 * by {@link EvaluationService}, is what authenticates the evaluator.
 */
public final class EvaluationRoutes {
    private final EvaluationService evaluations;
    private final RequestBody body;

    public EvaluationRoutes(EvaluationService evaluations, RequestBody body) {
        this.evaluations = evaluations;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/evaluations", AUTHENTICATED, (ctx, caller) -> {
                    EvaluationService.Submitted submitted = evaluations.submit(caller, body.object(ctx, false).json());
                    Responses.json(ctx, submitted.created() ? 201 : 200, submitted.report().toJson());
                }),
                Route.get("/models/{name}/versions/{model_id}/evaluations", AUTHENTICATED, (ctx, caller) -> {
                    ObjectNode page = Json.object();
                    ArrayNode items = page.putArray("items");
                    evaluations.list(modelName(ctx), ctx.pathParam("model_id")).forEach(r -> items.add(r.toJson()));
                    page.putNull("next");
                    Responses.json(ctx, 200, page);
                }));
    }

    private static String modelName(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("model");
        }
        return name;
    }
}
