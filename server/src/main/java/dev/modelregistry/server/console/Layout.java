package dev.modelregistry.server.console;

/**
 * What every page's frame shows: the page title, and who is signed in with the CSRF token the sign-out form carries
 * (both null on the sign-in page).
 */
public record Layout(String title, String principal, String csrf) {
    public static Layout of(String title, SignedIn session) {
        return session == null ? new Layout(title, null, null)
                : new Layout(title, session.caller().name(), session.csrfToken());
    }

    public boolean signedIn() {
        return principal != null;
    }
}
