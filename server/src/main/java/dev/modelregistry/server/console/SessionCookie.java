package dev.modelregistry.server.console;

import io.javalin.http.Context;

import java.util.Locale;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), scoped to the
 * console's path, and Secure whenever the request came over TLS, directly or through a proxy that says so.
 */
public final class SessionCookie {
    public static final String NAME = "modelreg_session";

    private SessionCookie() {
    }

    public static void set(Context ctx, String sessionId) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + sessionId + "; Path=" + ConsoleApp.PREFIX
                + "; Max-Age=" + ConsoleSessions.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict" + secure(ctx));
    }

    public static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Path=" + ConsoleApp.PREFIX + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + secure(ctx));
    }

    /**
     * A client that claims TLS through X-Forwarded-Proto when there is none only makes its own cookie stricter, so
     * the header can be believed without knowing which proxies are in front.
     */
    private static String secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        boolean tls = ctx.req().isSecure() || (forwarded != null && forwarded.trim().toLowerCase(Locale.ROOT).equals("https"));
        return tls ? "; Secure" : "";
    }
}
