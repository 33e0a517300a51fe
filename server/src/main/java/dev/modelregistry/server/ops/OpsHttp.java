package dev.modelregistry.server.ops;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The HTTP adapter for liveness, readiness (the database answers), Prometheus metrics and the OpenAPI document. */
public final class OpsHttp {
    public static final String OPENAPI_RESOURCE = "/openapi.json";

    private final Database database;
    private final PrometheusMeterRegistry meters;
    private final byte[] openApi;
    /** Set once the instance finished starting (the bootstrap admin exists): until then it is not ready. */
    private volatile boolean started;

    public OpsHttp(Database database, PrometheusMeterRegistry meters) {
        this.database = database;
        this.meters = meters;
        this.openApi = loadOpenApi().getBytes(StandardCharsets.UTF_8);
    }

    public void health(Context ctx, Caller caller) {
        Responses.json(ctx, 200, Json.object().put("status", "ok"));
    }

    /** Called by the server once its start is complete, so that readiness means "usable", not just "listening". */
    public void markStarted() {
        started = true;
    }

    public void ready(Context ctx, Caller caller) {
        if (!started) {
            throw new RegistryException(ErrorCode.UNAVAILABLE, "the server is still starting");
        }
        if (!database.isReachable()) {
            throw new RegistryException(ErrorCode.UNAVAILABLE, "the database does not answer");
        }
        Responses.json(ctx, 200, Json.object().put("status", "ready"));
    }

    public void metrics(Context ctx, Caller caller) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape().getBytes(StandardCharsets.UTF_8));
    }

    public void openApi(Context ctx, Caller caller) {
        ctx.contentType("application/json").result(openApi);
    }

    public static String loadOpenApi() {
        try (InputStream in = OpsHttp.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
