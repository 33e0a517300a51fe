package dev.modelregistry.server.http;

import io.javalin.http.HandlerType;

/** One line of the route table: method, path template, who may call it, and what runs. */
public record Route(HandlerType method, String path, Access access, RouteHandler handler, Body body) {
    /**
     * What a route's request body is. JSON bodies are small and read whole, which lets a POST honour
     * Idempotency-Key; streamed bodies (bulk ingest) are never read whole, and their routes are idempotent by
     * content instead.
     */
    public enum Body { JSON, STREAM }

    public Route(HandlerType method, String path, Access access, RouteHandler handler) {
        this(method, path, access, handler, Body.JSON);
    }

    public static Route streamingPost(String path, Access access, RouteHandler handler) {
        return new Route(HandlerType.POST, path, access, handler, Body.STREAM);
    }

    /** The path as OpenAPI writes it: Javalin's slash-spanning {@code <param>} is {@code {param}} there. */
    public String openApiPath() {
        return path.replaceAll("<([^>]+)>", "{$1}");
    }

    public static Route get(String path, Access access, RouteHandler handler) {
        return new Route(HandlerType.GET, path, access, handler);
    }

    public static Route post(String path, Access access, RouteHandler handler) {
        return new Route(HandlerType.POST, path, access, handler);
    }

    public static Route put(String path, Access access, RouteHandler handler) {
        return new Route(HandlerType.PUT, path, access, handler);
    }

    public static Route delete(String path, Access access, RouteHandler handler) {
        return new Route(HandlerType.DELETE, path, access, handler);
    }
}
