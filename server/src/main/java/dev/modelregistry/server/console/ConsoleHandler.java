package dev.modelregistry.server.console;

import io.javalin.http.Context;

/** A console route's handler, given the visitor's session (null on public routes when nobody is signed in). */
@FunctionalInterface
public interface ConsoleHandler {
    void handle(Context ctx, SignedIn session) throws Exception;
}
