package dev.modelregistry.server.console;

import dev.modelregistry.server.access.Caller;

/**
 * A request that came with a live session: who is signed in (established from the session's token, as the API
 * would from the token itself), the hash that names the session, and the CSRF token its forms must carry.
 */
public record SignedIn(Caller caller, String sessionSha256, String csrfToken) {
}
