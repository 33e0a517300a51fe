package dev.modelregistry.server.console;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.http.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/** Signing in with an API token pasted once, and signing out. */
public final class SignInPages {
    /**
     * What the sign-in page shows: an error after a refused token, else nothing but the form; {@code next} is the
     * console page to go to once signed in (null: the models).
     */
    public record SignInPage(Layout layout, String error, String next) {
    }

    private final ConsoleSessions sessions;
    private final Templates templates;

    public SignInPages(ConsoleSessions sessions, Templates templates) {
        this.sessions = sessions;
        this.templates = templates;
    }

    /** GET /ui/sign-in. */
    public void form(Context ctx, SignedIn session) {
        String next = ReturnTo.safe(ctx.queryParam(ReturnTo.PARAM)).orElse(null);
        templates.render(ctx, 200, "sign-in.jte", new SignInPage(Layout.of("Sign in", session), null, next));
    }

    /**
     * POST /ui/sign-in: a good token opens a session and goes to the page first asked for, else to the models; a bad
     * one shows the form again (401).
     */
    public void submit(Context ctx, SignedIn session) {
        String token = ctx.formParam("token");
        if (token == null || token.isBlank()) {
            refuse(ctx, session, "Paste an API token.");
            return;
        }
        ConsoleSessions.Opened opened;
        try {
            opened = sessions.signIn(token, RequestIds.of(ctx));
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.UNAUTHENTICATED) {
                throw e;
            }
            refuse(ctx, session, "That token is unknown or revoked.");
            return;
        }
        SessionCookie.set(ctx, opened.sessionId());
        ctx.redirect(ReturnTo.safe(ctx.formParam(ReturnTo.PARAM)).orElse(ConsoleApp.HOME), HttpStatus.SEE_OTHER);
    }

    /** POST /ui/sign-out: the session ends on the server, and the browser forgets its cookie. */
    public void signOut(Context ctx, SignedIn session) {
        sessions.signOut(session);
        SessionCookie.clear(ctx);
        ctx.redirect(ConsoleApp.SIGN_IN, HttpStatus.SEE_OTHER);
    }

    private void refuse(Context ctx, SignedIn session, String error) {
        String next = ReturnTo.safe(ctx.formParam(ReturnTo.PARAM)).orElse(null);
        templates.render(ctx, 401, "sign-in.jte", new SignInPage(Layout.of("Sign in", session), error, next));
    }
}
