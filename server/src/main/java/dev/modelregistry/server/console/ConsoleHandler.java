package dev.modelregistry.server.console;

import io.javalin.http.Context;

/** A console route's handler, given the visitor's session (null on public routes, which never look it up). */
@FunctionalInterface
public interface ConsoleHandler {
    void handle(Context ctx, SignedIn session) throws Exception;
}
