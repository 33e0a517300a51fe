package dev.modelregistry.server.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

/**
 * The HTTP adapter for signed evaluation reports. Any authenticated caller may submit one: the envelope's signature,
 * checked by {@link EvaluationService}, is what authenticates the evaluator.
 */
public final class EvaluationHttp {
    private final EvaluationService evaluations;
    private final RequestBody body;

    public EvaluationHttp(EvaluationService evaluations, RequestBody body) {
        this.evaluations = evaluations;
        this.body = body;
    }

    public void submit(Context ctx, Caller caller) {
        EvaluationService.Submitted submitted = evaluations.submit(caller, body.object(ctx, false).json());
        Responses.json(ctx, submitted.created() ? 201 : 200, EvaluationJson.report(submitted.report()));
    }

    public void list(Context ctx, Caller caller) {
        ModelName model = PathParams.model(ctx);
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        evaluations.list(model, PathParams.version(ctx, model)).forEach(r -> items.add(EvaluationJson.report(r)));
        page.putNull("next");
        Responses.json(ctx, 200, page);
    }
}
