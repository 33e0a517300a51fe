package dev.modelregistry.server.console;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.lineage.FillLineage;
import dev.modelregistry.server.lineage.Lineage;
import dev.modelregistry.server.lineage.LineageService;
import dev.modelregistry.server.lineage.SignalLineage;
import io.javalin.http.Context;

import java.util.List;

/**
 * GET /ui/trace?kind=fill|signal&id=…: "which model made this trade" on one page — the fill, its signal, the model
 * version with its whole lineage, its evaluation, its ensemble children, and the deployment when the signal was
 * emitted — from the same one-query answer as {@code GET /lineage/fills/{fill_id}}.
 */
public final class TracePage {
    /** The page: what was asked, and the answer (null before a search or when nothing was found). */
    public record TraceView(Layout layout, String kind, String id, String fillJson, Lineage lineage,
                            List<String> fillsJson, String notFound) {
        public boolean answered() {
            return lineage != null;
        }
    }

    private final LineageService lineage;
    private final Templates templates;

    public TracePage(LineageService lineage, Templates templates) {
        this.lineage = lineage;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        Layout layout = Layout.of("Trace", session);
        String kind = "signal".equals(ctx.queryParam("kind")) ? "signal" : "fill";
        String id = QueryParams.text(ctx, "id");
        if (id.isEmpty()) {
            templates.render(ctx, 200, "trace.jte", new TraceView(layout, kind, "", null, null, List.of(), null));
            return;
        }
        try {
            TraceView view = kind.equals("fill") ? fill(layout, id) : signal(layout, id);
            templates.render(ctx, 200, "trace.jte", view);
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            templates.render(ctx, 404, "trace.jte", new TraceView(layout, kind, id, null, null, List.of(),
                    "No " + kind + " has the id " + id + "."));
        }
    }

    private TraceView fill(Layout layout, String id) {
        if (!LineageService.isEventId(id)) {
            throw RegistryException.notFound("fill");
        }
        FillLineage found = lineage.fill(id);
        return new TraceView(layout, "fill", id, found.fillJson(), found.lineage(), List.of(), null);
    }

    private TraceView signal(Layout layout, String id) {
        if (!LineageService.isEventId(id)) {
            throw RegistryException.notFound("signal");
        }
        SignalLineage found = lineage.signal(id);
        return new TraceView(layout, "signal", id, null, found.lineage(), found.fillsJson(), null);
    }
}
