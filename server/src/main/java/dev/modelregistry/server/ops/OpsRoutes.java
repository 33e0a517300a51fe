package dev.modelregistry.server.ops;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;
import static dev.modelregistry.server.http.Access.PUBLIC;

/** Liveness, readiness (the database answers), Prometheus metrics and the OpenAPI document. */
public final class OpsRoutes {
    public static final String OPENAPI_RESOURCE = "/openapi.json";

    private final Database database;
    private final PrometheusMeterRegistry meters;
    private final String openApi;

    public OpsRoutes(Database database, PrometheusMeterRegistry meters) {
        this.database = database;
        this.meters = meters;
        this.openApi = loadOpenApi();
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/healthz", PUBLIC, (ctx, caller) -> Responses.json(ctx, 200, Json.object().put("status", "ok"))),
                Route.get("/readyz", PUBLIC, (ctx, caller) -> {
                    if (!database.isReachable()) {
                        throw new RegistryException(ErrorCode.UNAVAILABLE, "the database does not answer");
                    }
                    Responses.json(ctx, 200, Json.object().put("status", "ready"));
                }),
                Route.get("/metrics", AUTHENTICATED, (ctx, caller) ->
                        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape().getBytes(StandardCharsets.UTF_8))),
                Route.get("/openapi.json", PUBLIC, (ctx, caller) -> ctx.contentType("application/json").result(openApi.getBytes(StandardCharsets.UTF_8))));
    }

    public static String loadOpenApi() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
