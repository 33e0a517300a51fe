package dev.modelregistry.server.http;

import dev.modelregistry.server.access.Role;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the route table: method, path template, the handler that runs, the role its caller needs, and the
 * query parameters it accepts ({@link HttpApi} refuses any other, naming it, before the handler runs).
 */
public record Route(HandlerType method, String path, RouteHandler handler, Role role, Body body, List<String> query) {
    /**
     * What a route's request body is. JSON bodies are small and read whole, which lets a POST honour
     * Idempotency-Key; streamed bodies (bulk ingest, artifact bytes) are never read whole, and their routes are
     * idempotent by content instead.
     */
    public enum Body { JSON, STREAM }

    public Route {
        query = List.copyOf(query);
    }

    /** The path as OpenAPI writes it: Javalin's slash-spanning {@code <param>} is {@code {param}} there. */
    public String openApiPath() {
        return path.replaceAll("<([^>]+)>", "{$1}");
    }

    /** Whether the route changes state (and so must write audit entries). */
    public boolean mutating() {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    /** This route, accepting the query parameters {@code names} too. */
    public Route query(String... names) {
        List<String> accepted = new ArrayList<>(query);
        accepted.addAll(List.of(names));
        return new Route(method, path, handler, role, body, accepted);
    }

    /** This route, accepting the query parameters {@code names} too. */
    public Route query(List<String> names) {
        return query(names.toArray(String[]::new));
    }

    /** This route as a keyset-paged list: it accepts {@code after} and {@code limit} (see {@link Pages}). */
    public Route paged() {
        return query("after", "limit");
    }

    public static Route get(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.GET, path, handler, role, Body.JSON, List.of());
    }

    public static Route post(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.POST, path, handler, role, Body.JSON, List.of());
    }

    /** A POST whose body is streamed (NDJSON ingest): never read whole, so Idempotency-Key does not apply. */
    public static Route streamingPost(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.POST, path, handler, role, Body.STREAM, List.of());
    }

    public static Route put(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.PUT, path, handler, role, Body.JSON, List.of());
    }

    public static Route patch(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.PATCH, path, handler, role, Body.JSON, List.of());
    }

    public static Route delete(String path, RouteHandler handler, Role role) {
        return new Route(HandlerType.DELETE, path, handler, role, Body.JSON, List.of());
    }
}
