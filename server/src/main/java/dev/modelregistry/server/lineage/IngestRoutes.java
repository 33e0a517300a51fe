package dev.modelregistry.server.lineage;

import dev.modelregistry.server.http.Route;
import io.javalin.http.Context;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/**
 * NDJSON bulk ingest. The response is NDJSON too: one result per line, in line order. Results are spooled to a
 * temporary file while the body streams in (each batch's results only after it committed) and sent once the body
 * is read, so neither side is ever held in memory and a client that reads nothing before it has sent everything
 * cannot stall the exchange.
 */
public final class IngestRoutes {
    private final IngestService ingest;
    private final Path spoolDirectory;

    public IngestRoutes(IngestService ingest, Path spoolDirectory) throws java.io.IOException {
        this.ingest = ingest;
        this.spoolDirectory = spoolDirectory;
        ResultSpool.removeLeftovers(spoolDirectory);
    }

    public List<Route> routes() {
        return List.of(
                Route.streamingPost("/lineage/signals", AUTHENTICATED, (ctx, caller) -> stream(ctx, EventKind.SIGNAL)),
                Route.streamingPost("/lineage/fills", AUTHENTICATED, (ctx, caller) -> stream(ctx, EventKind.FILL)));
    }

    private void stream(Context ctx, EventKind kind) throws Exception {
        try (ResultSpool spool = new ResultSpool(spoolDirectory); InputStream in = ctx.req().getInputStream()) {
            ingest.ingest(kind, in, spool::write);
            ctx.status(200);
            ctx.res().setContentType("application/x-ndjson");
            try (OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), 64 * 1024)) {
                spool.sendTo(out);
            }
        }
    }
}
