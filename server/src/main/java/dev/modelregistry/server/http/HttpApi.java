package dev.modelregistry.server.http;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Authentication;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.access.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the Javalin app from the route table. Every route goes through the same steps: request id,
 * authentication and the route's role check, Idempotency-Key handling on POST, then the handler.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger("modelreg.http");
    private static final String ROUTE_ATTRIBUTE = "modelreg.route";
    private static final String SPAN_ATTRIBUTE = "modelreg.span";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private final List<Route> routes;
    private final Authentication authentication;
    private final Idempotency idempotency;
    private final Problems problems;
    /**
     * Histogram buckets of the request timer, so Prometheus can compute percentiles across instances; a dozen fixed
     * ones rather than Micrometer's 70-odd default keep the series per route small.
     */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000,
            30_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry meters;
    private final Tracing tracing;
    private final long maxBodyBytes;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    public HttpApi(List<Route> routes, Authentication authentication, Idempotency idempotency, Problems problems,
                   MeterRegistry meters, Tracing tracing, long maxBodyBytes) {
        this.routes = List.copyOf(routes);
        this.authentication = authentication;
        this.idempotency = idempotency;
        this.problems = problems;
        this.meters = meters;
        this.tracing = tracing;
        this.maxBodyBytes = maxBodyBytes;
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * Waits until no request is being answered, at most {@code timeout}: on shutdown, so that requests woken to
     * answer (long-polls) get their answer out before the server closes its connections.
     */
    public void awaitIdle(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Javalin create() {
        Javalin app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.http.prefer405over404 = true;
            config.requestLogger.http(this::logAndMeasure);
            config.jetty.modifyServer(server -> server.setErrorHandler(new BadMessageProblems()));
        });
        app.before(ctx -> {
            inFlight.incrementAndGet();
            MDC.put("request_id", RequestIds.assign(ctx));
            startSpan(ctx);
        });
        for (Route route : routes) {
            app.addHttpHandler(route.method(), route.path(), ctx -> handle(route, ctx));
        }
        app.exception(Exception.class, problems::handle);
        app.error(404, ctx -> unlessProblem(ctx, ErrorCode.NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path()));
        app.error(405, ctx -> unlessProblem(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed here"));
        return app;
    }

    /**
     * Names the route template a request matched, for its metrics, trace and log; the web console's pipeline, which
     * serves its own routes on the same app, calls this too.
     */
    public static void markRoute(Context ctx, String routePath) {
        ctx.attribute(ROUTE_ATTRIBUTE, routePath);
    }

    private void handle(Route route, Context ctx) throws Exception {
        markRoute(ctx, route.path());
        Caller caller = authorize(route.role(), ctx);
        refuseControlCharactersInQuery(ctx);
        refuseUnknownQueryParameters(route, ctx);
        if (route.method() == HandlerType.POST && route.body() == Route.Body.JSON) {
            idempotency.run(ctx, caller, route.handler());
        } else {
            route.handler().handle(ctx, caller);
        }
    }

    private Caller authorize(Role role, Context ctx) {
        if (role == Role.PUBLIC) {
            return null;
        }
        Caller caller = authentication.authenticate(ctx.header("Authorization"), RequestIds.of(ctx));
        MDC.put("principal", caller.name());
        if (role == Role.ADMIN && !caller.admin()) {
            throw new RegistryException(ErrorCode.ADMIN_REQUIRED, caller.name() + " is not an admin");
        }
        role.granted().filter(granted -> !caller.holds(granted)).ifPresent(granted -> {
            throw new RegistryException(ErrorCode.ROLE_REQUIRED,
                    caller.name() + " has not been granted the " + granted.wire() + " role");
        });
        return caller;
    }

    /**
     * No query parameter of any route may hold a control character: none means anything with one, and PostgreSQL
     * refuses a NUL in text, which turned {@code after=%00} on every list into a 500.
     */
    private static void refuseControlCharactersInQuery(Context ctx) {
        ctx.queryParamMap().forEach((name, values) -> {
            if (CONTROL.matcher(name).find() || values.stream().anyMatch(v -> CONTROL.matcher(v).find())) {
                throw RegistryException.invalid(CONTROL.matcher(name).find() ? "query" : name,
                        "must not contain control characters");
            }
        });
    }

    /**
     * A query parameter the route does not take is refused rather than ignored: a misspelt or unsupported filter
     * ({@code ?label=} before models had one) would otherwise answer everything, which reads as a match.
     */
    private static void refuseUnknownQueryParameters(Route route, Context ctx) {
        List<FieldError> unknown = ctx.queryParamMap().keySet().stream()
                .filter(name -> !route.query().contains(name))
                .sorted()
                .map(name -> new FieldError(name, route.query().isEmpty()
                        ? "unknown query parameter; this route takes none"
                        : "unknown query parameter; this route accepts: " + String.join(", ", route.query())))
                .toList();
        if (!unknown.isEmpty()) {
            throw new RegistryException(ErrorCode.VALIDATION_FAILED, "unknown query parameters: "
                    + String.join(", ", unknown.stream().map(FieldError::field).toList()), unknown);
        }
    }

    /**
     * Javalin's own 404/405 (no matching route) get a problem body too, without overwriting ours, nor an HTML page
     * that a handler answered with that status (the web console's "not found"; the API itself never answers HTML).
     */
    private static void unlessProblem(Context ctx, ErrorCode code, String detail) {
        String type = ctx.res().getContentType();
        boolean answered = type != null && (type.startsWith("application/problem+json") || type.startsWith("text/html"));
        if (!answered) {
            Problems.write(ctx, code, detail, List.of());
        }
    }

    /** Starts the request's server span, continuing the caller's trace when it sent a W3C traceparent. */
    private void startSpan(Context ctx) {
        io.opentelemetry.context.Context parent = tracing.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
        Span span = tracing.tracer().spanBuilder(ctx.method().name()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", ctx.method().name())
                .setAttribute("url.path", ctx.path())
                .startSpan();
        ctx.attribute(SPAN_ATTRIBUTE, span);
        MDC.put("trace_id", span.getSpanContext().getTraceId());
    }

    private static void endSpan(Context ctx, String route) {
        Span span = ctx.attribute(SPAN_ATTRIBUTE);
        if (span == null) {
            return;
        }
        if (route != null) {
            span.updateName(ctx.method().name() + " " + route);
            span.setAttribute("http.route", route);
        }
        span.setAttribute("http.response.status_code", ctx.statusCode());
        if (ctx.statusCode() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private void logAndMeasure(Context ctx, Float millis) {
        // Our own record of the matched route: Javalin's endpointHandlerPath() throws for requests no route matched
        // (404/405), which turned those answers into 500s.
        String route = ctx.attribute(ROUTE_ATTRIBUTE);
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route == null ? "unmatched" : route)
                .tag("status", String.valueOf(ctx.statusCode()))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(meters)
                .record((long) (millis * 1000), TimeUnit.MICROSECONDS);
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} -> {} in {} ms", ctx.method(), ctx.path(), ctx.statusCode(), String.format("%.1f", millis));
        }
        endSpan(ctx, route);
        inFlight.decrementAndGet();
        // The request logger runs last, so it clears what the before-handler and authentication put in the MDC.
        MDC.remove("principal");
        MDC.remove("request_id");
        MDC.remove("trace_id");
    }
}
