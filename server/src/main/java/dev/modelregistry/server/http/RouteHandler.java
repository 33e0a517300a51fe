package dev.modelregistry.server.http;

import dev.modelregistry.server.access.Caller;
import io.javalin.http.Context;

/** A route's handler, given the authenticated caller (null on public routes). */
@FunctionalInterface
public interface RouteHandler {
    void handle(Context ctx, Caller caller) throws Exception;
}
