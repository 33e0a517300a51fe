package dev.modelregistry.server.lineage;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import io.javalin.http.Context;

import java.util.List;
import java.util.regex.Pattern;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/** The lineage answers: a fill or a signal traced to its model version, and the ensemble graph of a version. */
public final class LineageRoutes {
    // The ids ingest accepts; anything else cannot name a stored event, so it is simply not found.
    private static final Pattern EVENT_ID = Pattern.compile("^[\\x21-\\x7e]{1," + EventParser.MAX_ID_LENGTH + "}$");

    private final LineageService lineage;

    public LineageRoutes(LineageService lineage) {
        this.lineage = lineage;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/lineage/fills/{fill_id}", AUTHENTICATED, (ctx, caller) ->
                        Responses.json(ctx, 200, lineage.fill(eventId(ctx, "fill_id", "fill")).toJson())),
                Route.get("/lineage/signals/{signal_id}", AUTHENTICATED, (ctx, caller) ->
                        Responses.json(ctx, 200, lineage.signal(eventId(ctx, "signal_id", "signal")).toJson())),
                Route.get("/models/{name}/versions/{model_id}/graph", AUTHENTICATED, (ctx, caller) -> {
                    String name = ctx.pathParam("name");
                    if (!Slug.isValid(name)) {
                        throw RegistryException.notFound("model");
                    }
                    LineageGraph graph = lineage.graph(name, ctx.pathParam("model_id"), direction(ctx), depth(ctx));
                    Responses.json(ctx, 200, graph.toJson());
                }));
    }

    private static String eventId(Context ctx, String parameter, String kind) {
        String id = ctx.pathParam(parameter);
        if (!EVENT_ID.matcher(id).matches()) {
            throw RegistryException.notFound(kind);
        }
        return id;
    }

    private static GraphDirection direction(Context ctx) {
        String text = ctx.queryParam("direction");
        if (text == null) {
            return GraphDirection.UP;
        }
        return GraphDirection.fromWire(text)
                .orElseThrow(() -> RegistryException.invalid("direction", "must be up or down"));
    }

    private static int depth(Context ctx) {
        String text = ctx.queryParam("depth");
        if (text == null) {
            return LineageService.MAX_DEPTH;
        }
        try {
            int depth = Integer.parseInt(text);
            if (depth >= 1 && depth <= LineageService.MAX_DEPTH) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw RegistryException.invalid("depth", "must be a whole number from 1 to " + LineageService.MAX_DEPTH);
    }
}
