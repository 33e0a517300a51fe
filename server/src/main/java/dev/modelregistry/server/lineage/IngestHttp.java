package dev.modelregistry.server.lineage;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.MediaTypes;
import io.javalin.http.Context;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The HTTP adapter for NDJSON bulk ingest. The response is NDJSON too: one result per line, in line order. Results
 * are spooled to a temporary file while the body streams in (each batch's results only after it committed) and
 * sent once the body is read, so neither side is ever held in memory and a client that reads nothing before it has
 * sent everything cannot stall the exchange.
 */
public final class IngestHttp {
    private final IngestService ingest;
    private final Path spoolDirectory;

    public IngestHttp(IngestService ingest, Path spoolDirectory) throws IOException {
        this.ingest = ingest;
        this.spoolDirectory = spoolDirectory;
        ResultSpool.removeLeftovers(spoolDirectory);
    }

    public void signals(Context ctx, Caller caller) throws IOException {
        stream(ctx, caller, EventKind.SIGNAL);
    }

    public void fills(Context ctx, Caller caller) throws IOException {
        stream(ctx, caller, EventKind.FILL);
    }

    private void stream(Context ctx, Caller caller, EventKind kind) throws IOException {
        MediaTypes.require(ctx, "application/x-ndjson");
        try (ResultSpool spool = new ResultSpool(spoolDirectory);
             BufferedInputStream in = new BufferedInputStream(ctx.req().getInputStream())) {
            in.mark(2);
            byte[] start = in.readNBytes(2);
            MediaTypes.requireUtf8(start, start.length);
            in.reset();
            ingest.ingest(caller, kind, in, spool::write);
            ctx.status(200);
            ctx.res().setContentType("application/x-ndjson");
            try (OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), 64 * 1024)) {
                spool.sendTo(out);
            }
        }
    }
}
