package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** Where the console's bare address leads, and what any other unknown address under it answers. */
public final class Navigation {
    /** GET /ui: the models are the console's front page. */
    public void home(Context ctx, SignedIn session) {
        ctx.redirect(ConsoleApp.HOME, HttpStatus.SEE_OTHER);
    }

    /** Any other /ui address: an HTML 404 (for a visitor who is signed in; others were sent to sign in). */
    public void notFound(Context ctx, SignedIn session) {
        throw RegistryException.notFound("the page " + ctx.path());
    }
}
