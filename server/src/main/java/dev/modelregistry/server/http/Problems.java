package dev.modelregistry.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.metrics.DomainMetrics;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one place errors leave the server: every exception becomes an RFC 9457 problem. Nothing from SQL or a
 * stack trace reaches the client; unexpected failures are logged with the request id and answered 500.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final Database database;
    private final DomainMetrics metrics;

    public Problems(Database database, DomainMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
    }

    public void handle(Exception e, Context ctx) {
        if (e instanceof RegistryException registry) {
            // With a cause it is news (a blob store failing); without, it is the known-down database refusing at
            // once, which Availability logs when it starts and ends instead of once per request.
            if (registry.code() == ErrorCode.UNAVAILABLE && registry.getCause() != null) {
                LOG.warn("unavailable: {}", registry.getMessage(), registry.getCause());
            }
            refuse(ctx, registry.code(), registry.getMessage(), registry.errors());
        } else if (e instanceof HttpResponseException http) {
            refuse(ctx, fromStatus(http.getStatus()), http.getMessage(), List.of());
        } else if (database.isUnavailable(e)) {
            LOG.warn("database unavailable: {}", e.getMessage());
            write(ctx, ErrorCode.UNAVAILABLE, "the database is unavailable; retry later", List.of());
        } else if (database.isUniqueViolation(e)) {
            write(ctx, ErrorCode.ALREADY_EXISTS, "a concurrent request created the same resource", List.of());
        } else {
            LOG.error("unexpected failure of {} {}", ctx.method(), ctx.path(), e);
            write(ctx, ErrorCode.INTERNAL, "an unexpected error occurred; the request id identifies it in the logs",
                    List.of());
        }
    }

    /** Writes the problem, counting a client error as a refusal by its rule. */
    private void refuse(Context ctx, ErrorCode code, String detail, List<FieldError> errors) {
        if (code.status() < 500) {
            metrics.refused(code);
        }
        write(ctx, code, detail, errors);
    }

    public static void write(Context ctx, ErrorCode code, String detail, List<FieldError> errors) {
        ObjectNode problem = Json.object()
                .put("type", code.type())
                .put("title", code.title())
                .put("status", code.status())
                .put("detail", detail);
        if (!errors.isEmpty()) {
            ArrayNode array = problem.putArray("errors");
            errors.forEach(error -> array.addObject().put("field", error.field()).put("message", error.message()));
        }
        problem.put("instance", ctx.path());
        problem.put("request_id", RequestIds.of(ctx));
        ctx.status(code.status()).contentType("application/problem+json")
                .result(Json.write(problem).getBytes(StandardCharsets.UTF_8));
    }

    private static ErrorCode fromStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL;
        };
    }
}
