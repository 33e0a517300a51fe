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
 * GET /ui/trace?id=…: "which model made this trade". A pasted id is looked up as a fill, then as a signal, through
 * {@link LineageService} as {@code GET /lineage/fills/{id}} and {@code /lineage/signals/{id}} answer it; the page
 * shows the fill, the signal, the version with its whole lineage and the deployment when the signal was emitted.
 */
public final class TracePage {
    /** The page: the id as pasted, and what it names (all null before a search; kind null when it names nothing). */
    public record TracePageView(Layout layout, String id, String kind, String fillJson, Lineage lineage,
                                List<String> fillsJson) {
        public boolean searched() {
            return !id.isEmpty();
        }

        public boolean found() {
            return kind != null;
        }
    }

    private final LineageService lineage;
    private final Templates templates;

    public TracePage(LineageService lineage, Templates templates) {
        this.lineage = lineage;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        String id = FormText.of(ctx, "id");
        Layout layout = Layout.of(id.isEmpty() ? "Trace" : "Trace " + id, session);
        if (id.isEmpty()) {
            templates.render(ctx, 200, "trace.jte", new TracePageView(layout, id, null, null, null, List.of()));
            return;
        }
        TracePageView page = fill(layout, id);
        if (page == null) {
            page = signal(layout, id);
        }
        if (page == null) {
            templates.render(ctx, 404, "trace.jte", new TracePageView(layout, id, null, null, null, List.of()));
            return;
        }
        templates.render(ctx, 200, "trace.jte", page);
    }

    private TracePageView fill(Layout layout, String id) {
        try {
            FillLineage fill = lineage.fill(id);
            return new TracePageView(layout, id, "fill", fill.fillJson(), fill.lineage(), List.of());
        } catch (RegistryException e) {
            return absent(e);
        }
    }

    private TracePageView signal(Layout layout, String id) {
        try {
            SignalLineage signal = lineage.signal(id);
            return new TracePageView(layout, id, "signal", null, signal.lineage(), signal.fillsJson());
        } catch (RegistryException e) {
            return absent(e);
        }
    }

    private static TracePageView absent(RegistryException e) {
        if (e.code() != ErrorCode.NOT_FOUND) {
            throw e;
        }
        return null;
    }
}
