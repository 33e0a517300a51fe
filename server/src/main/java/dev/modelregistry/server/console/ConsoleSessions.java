package dev.modelregistry.server.console;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Authenticator;
import dev.modelregistry.server.auth.Tokens;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signing in to the web console with an API token, and the sessions that follow. A session lasts until it has been
 * idle for {@link #IDLE}, until {@link #LIFETIME} after sign-in, until sign-out, or until its token is revoked —
 * whichever comes first. Nothing is cached: every request checks the session and its token in the database, so
 * any instance ends a session the moment another one revoked its token.
 */
public final class ConsoleSessions {
    /** A session unused this long has ended. */
    public static final Duration IDLE = Duration.ofHours(2);
    /** No session outlives a working shift, however busy. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** The idle expiry is pushed forward at most once a minute, not on every page view. */
    private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);
    private static final String CHAIN = "console";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final ConsoleSessionStore sessions;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;

    public ConsoleSessions(Database database, ConsoleSessionStore sessions, Authenticator authenticator, AuditLog audit,
                           Clock clock) {
        this.database = database;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
    }

    /** A session just opened: the id for the browser's cookie (shown once, stored only hashed) and who it is for. */
    public record Opened(String sessionId, SignedIn signedIn) {
    }

    /**
     * Authenticates {@code token} exactly as the API authenticates a bearer token and opens a session on it; a
     * token that is unknown or revoked is refused (401) and nothing is stored.
     */
    public Opened signIn(String token, String requestId) {
        Caller caller = authenticator.authenticate("Bearer " + token, requestId);
        String sessionId = newSessionId();
        String sessionSha = Tokens.sha256(sessionId);
        Instant now = Times.truncate(clock.instant());
        ConsoleSession session = new ConsoleSession(caller.name(), now, now.plus(LIFETIME));
        database.inTransaction(handle -> {
            sessions.deleteEnded(handle, now);
            sessions.insert(handle, sessionSha, Tokens.sha256(token.trim()), now, now.plus(IDLE), session.expiresAt());
            audit.append(handle, caller, AuditEvent.created(CHAIN, "console.signed_in", subject(caller), session));
            return null;
        });
        return new Opened(sessionId, new SignedIn(caller, sessionSha, csrfToken(sessionId)));
    }

    /** The live session named by a cookie's id, with its caller; empty when it ended or its token was revoked. */
    public Optional<SignedIn> resolve(String sessionId, String requestId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 128) {
            return Optional.empty();
        }
        String sessionSha = Tokens.sha256(sessionId);
        Instant now = Times.truncate(clock.instant());
        return database.inTransaction(handle -> sessions.findLive(handle, sessionSha, now)
                .flatMap(found -> authenticator.activeCaller(handle, found.tokenSha256(), requestId))
                .map(caller -> {
                    sessions.touch(handle, sessionSha, now.plus(IDLE), TOUCH_GRANULARITY);
                    return new SignedIn(caller, sessionSha, csrfToken(sessionId));
                }));
    }

    /** Ends the session now; audited, like its start. */
    public void signOut(SignedIn signedIn) {
        Instant now = Times.truncate(clock.instant());
        database.inTransaction(handle -> {
            if (sessions.delete(handle, signedIn.sessionSha256())) {
                ConsoleSession ended = new ConsoleSession(signedIn.caller().name(), null, now);
                audit.append(handle, signedIn.caller(),
                        AuditEvent.removed(CHAIN, "console.signed_out", subject(signedIn.caller()), ended));
            }
            return null;
        });
    }

    /**
     * The CSRF token of a session, derived from its id: only someone holding the session cookie can compute it, and
     * a copy of the sessions table (which holds a different hash of the id) cannot.
     */
    static String csrfToken(String sessionId) {
        return Tokens.sha256("modelreg-console-csrf:" + sessionId);
    }

    /** Whether a submitted CSRF token is the session's, compared in constant time. */
    public static boolean csrfMatches(SignedIn signedIn, String submitted) {
        return submitted != null && submitted.length() == signedIn.csrfToken().length()
                && Tokens.sameHash(signedIn.csrfToken(), submitted);
    }

    private static String subject(Caller caller) {
        return "principal:" + caller.name();
    }

    private static String newSessionId() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
