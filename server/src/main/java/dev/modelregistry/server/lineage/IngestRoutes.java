package dev.modelregistry.server.lineage;

import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/**
 * NDJSON bulk ingest. The response is NDJSON too: one result per line, streamed back batch by batch as each batch
 * commits, so neither the request nor the response is ever held whole. Clients that send large bodies should read
 * the response while they write (the JDK HttpClient and curl do).
 */
public final class IngestRoutes {
    private final IngestService ingest;

    public IngestRoutes(IngestService ingest) {
        this.ingest = ingest;
    }

    public List<Route> routes() {
        return List.of(
                Route.streamingPost("/lineage/signals", AUTHENTICATED, (ctx, caller) -> stream(ctx, EventKind.SIGNAL)),
                Route.streamingPost("/lineage/fills", AUTHENTICATED, (ctx, caller) -> stream(ctx, EventKind.FILL)));
    }

    private void stream(Context ctx, EventKind kind) throws Exception {
        ctx.status(200);
        ctx.res().setContentType("application/x-ndjson");
        try (InputStream in = ctx.req().getInputStream();
             OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), 64 * 1024)) {
            ingest.ingest(kind, in, results -> {
                for (IngestResult result : results) {
                    out.write(Json.write(result.toJson()).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                out.flush();
            });
        }
    }
}
