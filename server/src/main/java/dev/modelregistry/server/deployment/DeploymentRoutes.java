package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.ownership.Health;
import dev.modelregistry.server.ownership.ModelHealth;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/**
 * The deploy contract over HTTP: the signed deployment (plain, long-polled or as an SSE stream), its history,
 * promotion and rollback.
 */
public final class DeploymentRoutes {
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Pattern WAIT = Pattern.compile("^(\\d{1,6})(ms|s)?$");

    private final DeploymentService deployments;
    private final RequestBody body;

    public DeploymentRoutes(DeploymentService deployments, RequestBody body) {
        this.deployments = deployments;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/models/{name}/deployment", AUTHENTICATED, (ctx, caller) -> {
                    String model = model(ctx);
                    String accept = ctx.header("Accept");
                    if (accept != null && accept.contains("text/event-stream")) {
                        stream(ctx, model);
                    } else {
                        longPoll(ctx, model);
                    }
                }),
                Route.get("/models/{name}/deployment/history", AUTHENTICATED, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    long after = afterRevision(Pages.after(ctx).orElse("0"), "after");
                    List<DeploymentStore.HistoryEntry> page = deployments.history(model(ctx), after, limit + 1);
                    Responses.json(ctx, 200, Pages.render(page, limit, DeploymentRoutes::toJson,
                            e -> String.valueOf(e.revision())));
                }),
                Route.post("/models/{name}/versions/{model_id}:promote", AUTHENTICATED, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("approver", "canary_pct");
                    String approver = fields.requiredString("approver", 63);
                    int pct = canaryPct(fields);
                    fields.throwIfInvalid();
                    Responses.json(ctx, 200,
                            deployments.promote(caller, model(ctx), ctx.pathParam("model_id"), approver, pct).toJson());
                }),
                Route.post("/models/{name}/deployment:rollback", AUTHENTICATED, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("reason");
                    String reason = fields.requiredString("reason", 500);
                    fields.throwIfInvalid();
                    Responses.json(ctx, 200, deployments.rollback(caller, model(ctx), reason).toJson());
                }));
    }

    /**
     * Answers at once unless the client says which revision it has ({@code after_revision}) and asks to wait:
     * then the answer comes with the first change, or when the wait is over (with the same revision).
     */
    private void longPoll(Context ctx, String model) throws InterruptedException {
        String afterParam = ctx.queryParam("after_revision");
        Duration wait = wait(ctx.queryParam("wait"));
        if (afterParam == null || wait.isZero()) {
            answer(ctx, deployments.view(model));
            return;
        }
        long after = afterRevision(afterParam, "after_revision");
        Instant deadline = Instant.now().plus(wait);
        try (ChangeFeed.Subscription changes = deployments.subscribe(model)) {
            while (changes.open() && deployments.revision(model) <= after) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                changes.awaitChange(left);
            }
        }
        answer(ctx, deployments.view(model));
    }

    /**
     * The deployment, with RFC 9745 {@code Deprecation} (when the model is or will be expired) and RFC 8594
     * {@code Sunset} (when its ownership is or will be released) while it is under deprecation pressure.
     */
    private static void answer(Context ctx, DeploymentService.View view) {
        ModelHealth health = view.health();
        if (health.state() != Health.OK) {
            ctx.header("Deprecation", "@" + health.expiresAt().getEpochSecond());
            ctx.header("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(health.sunset().atOffset(ZoneOffset.UTC)));
        }
        Responses.json(ctx, 200, view.toJson());
    }

    /** Server-sent events: the deployment now, then again at every change, with keep-alive comments in between. */
    private void stream(Context ctx, String model) throws InterruptedException {
        deployments.revision(model);
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try (ChangeFeed.Subscription changes = deployments.subscribe(model)) {
            OutputStream out = ctx.res().getOutputStream();
            long sent = -1;
            while (changes.open()) {
                DeploymentService.View view = deployments.view(model);
                if (view.state().revision() != sent) {
                    sent = view.state().revision();
                    write(out, "id: " + sent + "\nevent: deployment\ndata: " + Json.write(view.toJson()) + "\n\n");
                } else {
                    write(out, ": keep-alive\n\n");
                }
                changes.awaitChange(KEEP_ALIVE);
            }
        } catch (IOException e) {
            // The watcher went away; nothing to answer.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int canaryPct(JsonFields fields) {
        return fields.optionalInteger("canary_pct").map(pct -> {
            if (pct < 1 || pct > 100) {
                fields.error("canary_pct", "must be a whole number from 1 to 100");
            }
            return pct;
        }).orElse(100);
    }

    static Duration wait(String text) {
        if (text == null || text.isEmpty()) {
            return Duration.ZERO;
        }
        Matcher m = WAIT.matcher(text.trim());
        if (!m.matches()) {
            throw RegistryException.invalid("wait", "must look like 30s, 500ms or 30");
        }
        long amount = Long.parseLong(m.group(1));
        Duration wait = "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static long afterRevision(String text, String field) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryException.invalid(field, "must be a revision number (0 or more)");
    }

    private static ObjectNode toJson(DeploymentStore.HistoryEntry entry) {
        ObjectNode json = Json.object().put("revision", entry.revision());
        int canaryPct = entry.canaryPct() == null ? 0 : entry.canaryPct();
        json.set("production", entry.production().map(id -> Json.object().put("model_id", id).put("pct", 100 - canaryPct))
                .orElse(null));
        json.set("canary", entry.canary().map(id -> Json.object().put("model_id", id).put("pct", canaryPct)).orElse(null));
        json.put("action", entry.action()).put("actor", entry.actor()).put("reason", entry.reason());
        return Json.putTime(json, "changed_at", entry.changedAt());
    }

    private static String model(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("model");
        }
        return name;
    }
}
