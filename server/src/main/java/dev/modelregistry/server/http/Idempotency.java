package dev.modelregistry.server.http;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.CanonicalJson;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST routes: the first request with a key runs and its successful response is
 * stored; a retry with the same key and body gets that response again; the same key with another body is a 422.
 * Keys belong to the principal that sent them and are kept for 24 hours; a claim that never got a response lapses
 * after {@link #LEASE}.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    private static final Duration RETENTION = Duration.ofHours(24);
    /**
     * How long a claim without a response holds its key. Longer than any JSON request runs (they take
     * milliseconds; the database pool gives up after 5 s), short enough that a retry after an outage or a crash
     * runs within a minute instead of being refused for a day.
     */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Pattern SANE_KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

    private final Database database;
    private final IdempotencyStore store;
    private final RequestBody body;
    private final Clock clock;

    public Idempotency(Database database, IdempotencyStore store, RequestBody body, Clock clock) {
        this.database = database;
        this.store = store;
        this.body = body;
        this.clock = clock;
    }

    public void run(Context ctx, Caller caller, RouteHandler handler) throws Exception {
        String key = ctx.header(HEADER);
        if (key == null) {
            handler.handle(ctx, caller);
            return;
        }
        if (!SANE_KEY.matcher(key).matches()) {
            throw RegistryException.invalid(HEADER, "must be 1–255 visible ASCII characters");
        }
        String requestSha = requestHash(ctx);
        String claimToken = UUID.randomUUID().toString();
        if (!claim(caller, key, requestSha, claimToken)) {
            replayOrRefuse(ctx, caller, key, requestSha);
            return;
        }
        try {
            handler.handle(ctx, caller);
        } catch (Exception e) {
            // If the database is what failed, this cannot release the claim either; the lease lapses instead.
            database.inTransaction(h -> {
                store.release(h, caller.principalRowId(), key, claimToken);
                return null;
            });
            throw e;
        }
        settle(ctx, caller, key, claimToken);
    }

    /** Keeps a success for replay; frees the key after a refusal, so that a corrected retry runs. */
    private void settle(Context ctx, Caller caller, String key, String claimToken) {
        int status = ctx.statusCode();
        String responseBody = ctx.attribute(Responses.BODY_ATTRIBUTE);
        database.inTransaction(h -> {
            if (status >= 200 && status < 300) {
                store.complete(h, caller.principalRowId(), key, claimToken, status, ctx.res().getContentType(),
                        responseBody);
            } else {
                store.release(h, caller.principalRowId(), key, claimToken);
            }
            return null;
        });
    }

    /**
     * Claims the key for this request: a new key, one past its retention, or a claim of the same request whose
     * lease lapsed (its holder died or lost the database before it could complete or release it).
     */
    private boolean claim(Caller caller, String key, String requestSha, String claimToken) {
        Instant now = Times.truncate(clock.instant());
        long principal = caller.principalRowId();
        return database.inTransaction(h -> {
            store.find(h, principal, key)
                    .filter(entry -> entry.createdAt().isBefore(now.minus(RETENTION)))
                    .ifPresent(expired -> store.forget(h, principal, key));
            return store.claim(h, principal, key, requestSha, now, claimToken)
                    || store.takeOver(h, principal, key, requestSha, now, now.minus(LEASE), claimToken);
        });
    }

    private void replayOrRefuse(Context ctx, Caller caller, String key, String requestSha) {
        IdempotencyStore.Entry entry = database.withHandle(h -> store.find(h, caller.principalRowId(), key))
                .orElseThrow(() -> new RegistryException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                        "a request with this Idempotency-Key was just processed; retry"));
        if (!entry.requestSha256().equals(requestSha)) {
            throw new RegistryException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was first used with a different request");
        }
        if (!entry.completed()) {
            ctx.header("Retry-After", String.valueOf(LEASE.toSeconds()));
            throw new RegistryException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "a request with this Idempotency-Key is still being processed; if it was lost, its claim lapses "
                            + LEASE.toSeconds() + " s after it was made");
        }
        ctx.header("Idempotent-Replayed", "true");
        ctx.status(entry.status());
        if (entry.body() != null) {
            ctx.contentType(entry.contentType() != null ? entry.contentType() : "application/json")
                    .result(entry.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Method, path and body bytes: the same key sent to another route or with another body is another request. */
    private String requestHash(Context ctx) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((ctx.method() + " " + ctx.path() + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body.bytes(ctx));
        return CanonicalJson.sha256Hex(bytes.toByteArray());
    }
}
