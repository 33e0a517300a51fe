package dev.modelregistry.server.lineage;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;


/** The HTTP adapter for the lineage answers: a fill or a signal traced to its model version, and a version's ensemble graph. */
public final class LineageHttp {
    // The ids ingest accepts; anything else cannot name a stored event, so it is simply not found.

    private final LineageService lineage;

    public LineageHttp(LineageService lineage) {
        this.lineage = lineage;
    }

    public void fill(Context ctx, Caller caller) {
        Responses.json(ctx, 200, LineageJson.fill(lineage.fill(eventId(ctx, "fill_id", "fill"))));
    }

    public void signal(Context ctx, Caller caller) {
        Responses.json(ctx, 200, LineageJson.signal(lineage.signal(eventId(ctx, "signal_id", "signal"))));
    }

    public void graph(Context ctx, Caller caller) {
        ModelName model = PathParams.model(ctx);
        GraphDirection direction = direction(ctx);
        int depth = depth(ctx);
        LineageGraph graph = lineage.graph(model, PathParams.version(ctx, model), direction, depth);
        Responses.json(ctx, 200, LineageJson.graph(graph));
    }

    private static String eventId(Context ctx, String parameter, String kind) {
        String id = ctx.pathParam(parameter);
        if (!LineageService.isEventId(id)) {
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
