package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Role;
import dev.modelregistry.server.http.HttpApi;
import dev.modelregistry.server.http.RequestIds;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Serves the web console's route table on the API's Javalin app, under {@code /ui}. Every console request goes
 * through the same steps: security headers, the session from its cookie on every route that is not public (a page
 * redirects to sign-in without one), the role check, for a form post the same-origin and CSRF checks, then the handler; any
 * refusal or failure becomes an HTML page, never a problem document or a stack trace.
 */
public final class ConsoleApp {
    public static final String PREFIX = "/ui";
    public static final String SIGN_IN = PREFIX + "/sign-in";
    public static final String HOME = PREFIX + "/models";
    /** No inline script or style anywhere: scripts, styles and images come only from the console itself. */
    /** Strict: nothing inline, nothing from elsewhere; connect-src for htmx's long-poll of the live sections. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Logger LOG = LoggerFactory.getLogger("modelreg.console");
    /** What browsers send in Sec-Fetch-Site for a form on our own pages (and for a typed address or bookmark). */
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    private final List<ConsoleRoute> routes;
    private final ConsoleSessions sessions;
    private final Templates templates;

    public ConsoleApp(List<ConsoleRoute> routes, ConsoleSessions sessions, Templates templates) {
        this.routes = List.copyOf(routes);
        this.sessions = sessions;
        this.templates = templates;
    }

    public List<ConsoleRoute> routes() {
        return routes;
    }

    /** Adds the console's routes, and its headers on every response under /ui, to the app. */
    public void mount(Javalin app) {
        app.before(PREFIX, ConsoleApp::securityHeaders);
        app.before(PREFIX + "/*", ConsoleApp::securityHeaders);
        for (ConsoleRoute route : routes) {
            app.addHttpHandler(route.method(), route.path(), ctx -> handle(route, ctx));
        }
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    private void handle(ConsoleRoute route, Context ctx) {
        HttpApi.markRoute(ctx, route.path());
        SignedIn session = null;
        try {
            // Public routes (sign-in, assets) never need to know who is there: no session lookup for them.
            if (route.role() != Role.PUBLIC) {
                session = sessions.resolve(ctx.cookie(SessionCookie.NAME), RequestIds.of(ctx)).orElse(null);
            }
            if (route.role() != Role.PUBLIC && session == null) {
                signInFirst(ctx);
                return;
            }
            Optional<String> refusal = refusal(route, ctx, session);
            if (refusal.isPresent()) {
                error(ctx, session, 403, "Refused", refusal.get());
                return;
            }
            route.handler().handle(ctx, session);
        } catch (RegistryException e) {
            error(ctx, session, e.code().status(), e.code().title(), e.getMessage());
        } catch (Exception e) {
            LOG.error("console request failed: {} {}", ctx.method(), ctx.path(), e);
            error(ctx, session, 500, "Something went wrong", "The server could not answer; the error is logged.");
        }
    }

    /**
     * A page without a session goes to sign-in. A request htmx made in the background (a live section) would have
     * the sign-in page swapped into the page it updates: it gets a 401, which htmx does not swap, and a redirect for
     * the whole window instead. Either way sign-in then returns to the page asked for ({@link ReturnTo}).
     */
    private static void signInFirst(Context ctx) {
        String signIn = ReturnTo.signInFor(ctx);
        if ("true".equals(ctx.header("HX-Request"))) {
            ctx.header("HX-Redirect", signIn);
            ctx.status(401);
            return;
        }
        ctx.redirect(signIn, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Why the request may not run, if it may not: a role it lacks, or a form that is not from this session. */
    private static Optional<String> refusal(ConsoleRoute route, Context ctx, SignedIn session) {
        if (route.role() == Role.ADMIN && !session.caller().admin()) {
            return Optional.of(session.caller().name() + " is not an admin");
        }
        if (!route.mutating()) {
            return Optional.empty();
        }
        // Sign-in has no session yet, so no CSRF token: this check (and the SameSite cookie) is what keeps another
        // site from signing a browser in to an account of its choosing.
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site)) {
            return Optional.of("the form was not sent from this console");
        }
        if (route.role() != Role.PUBLIC && !ConsoleSessions.csrfMatches(session, ctx.formParam("csrf"))) {
            return Optional.of("the form is not from this session (its CSRF token is missing or stale); "
                    + "open the page again and resubmit");
        }
        return Optional.empty();
    }

    private void error(Context ctx, SignedIn session, int status, String heading, String detail) {
        templates.render(ctx, status, "error.jte", new ErrorPage(Layout.of(heading, session), status, heading, detail));
    }
}
