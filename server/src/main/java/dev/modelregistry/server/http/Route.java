package dev.modelregistry.server.http;

import dev.modelregistry.server.access.Role;
import io.javalin.http.HandlerType;

/** One line of the route table: method, path template, the handler that runs, and the role its caller needs. */
public record Route(HandlerType method, String path, RouteHandler handler, Role role, Body body) {
    /**
     * What a route's request body is. JSON bodies are small and read whole, which lets a POST honour
     * Idempotency-Key; streamed bodies (bulk ingest, artifact bytes) are never read whole, and their routes are
     * idempotent by content instead.
     */
    public enum Body { JSON, STREAM }

    /** The path as OpenAPI writes it: Javalin's slash-spanning {@code <param>} is {@code {param}} there. */
    public String openApiPath() {
        return path.replaceAll("<([^>]+)>", "{$1}");
    }

    /** Whether the route changes state (and so must write audit entries). */
    public boolean mutating() {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    public static Route get(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.GET, path, handler, role, Body.JSON);
    }

    public static Route post(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.POST, path, handler, role, Body.JSON);
    }

    /** A POST whose body is streamed (NDJSON ingest): never read whole, so Idempotency-Key does not apply. */
    public static Route streamingPost(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.POST, path, handler, role, Body.STREAM);
    }

    public static Route put(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.PUT, path, handler, role, Body.JSON);
    }

    public static Route patch(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.PATCH, path, handler, role, Body.JSON);
    }

    public static Route delete(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.DELETE, path, handler, role, Body.JSON);
    }
}
