package dev.modelregistry.server.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.Health;
import dev.modelregistry.server.model.ModelHealth;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deploy contract over HTTP: the signed deployment (plain, long-polled or as an SSE stream), its history,
 * promotion and rollback.
 */
public final class DeploymentHttp {
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Pattern WAIT = Pattern.compile("^(\\d{1,6})(ms|s)?$");

    private final DeploymentViews views;
    private final PastDeployments past;
    private final PromotionService promotions;
    private final RequestBody body;

    public DeploymentHttp(DeploymentViews views, PastDeployments past, PromotionService promotions, RequestBody body) {
        this.views = views;
        this.past = past;
        this.promotions = promotions;
        this.body = body;
    }

    /**
     * GET /models/{name}/deployment: plain, long-polled ({@code ?wait=&after_revision=}) or as an SSE stream; with
     * {@code ?at=T}, the split in force at T, unsigned (nothing to wait for or stream: the past does not change).
     */
    public void deployment(Context ctx, Caller caller) throws InterruptedException {
        ModelName model = PathParams.model(ctx);
        String accept = ctx.header("Accept");
        boolean streamed = accept != null && accept.contains("text/event-stream");
        Optional<Instant> at = at(ctx);
        if (at.isPresent()) {
            if (streamed || ctx.queryParam("wait") != null || ctx.queryParam("after_revision") != null) {
                throw RegistryException.invalid("at", "asks about the past, which cannot be waited for or streamed; "
                        + "send it without wait, after_revision and Accept: text/event-stream");
            }
            Responses.json(ctx, 200, DeploymentJson.past(past.at(model, at.get())));
        } else if (streamed) {
            stream(ctx, model);
        } else {
            longPoll(ctx, model);
        }
    }

    /** GET /deployments[?at=T]: the split in force at T (default now) of every model deployed by then, by name. */
    public void everyModel(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        PastDeployments.Page page = past.everyModelAt(at(ctx), Pages.after(ctx), limit + 1);
        ObjectNode json = Pages.render(page.deployments(), limit, DeploymentJson::past,
                d -> d.state().model().value());
        Responses.json(ctx, 200, Json.putTime(json, "at", page.at()));
    }

    public void history(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        long after = afterRevision(Pages.after(ctx).orElse("0"), "after");
        List<HistoryEntry> page = views.history(PathParams.model(ctx), after, limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, DeploymentJson::history, e -> String.valueOf(e.revision())));
    }

    public void promote(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("approver", "canary_pct");
        String approver = fields.requiredString("approver", 63);
        int pct = canaryPct(fields);
        fields.throwIfInvalid();
        ModelName model = PathParams.model(ctx);
        Responses.json(ctx, 200, DeploymentJson.view(
                promotions.promote(caller, model, PathParams.version(ctx, model), approver, pct)));
    }

    /**
     * GET /models/{name}/versions/{model_id}/promotion-readiness[?approver=NAME]: every gate a promotion by the
     * caller would meet or not, with why. The approver defaults to the caller.
     */
    public void promotionReadiness(Context ctx, Caller caller) {
        String approver = ctx.queryParam("approver");
        if (approver != null && (approver.isEmpty() || approver.length() > 63)) {
            throw RegistryException.invalid("approver", "must be a principal name of 1-63 characters");
        }
        ModelName model = PathParams.model(ctx);
        Responses.json(ctx, 200, DeploymentJson.readiness(promotions.readiness(caller, model,
                PathParams.version(ctx, model), approver == null ? caller.name() : approver)));
    }

    public void rollback(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("reason");
        String reason = fields.requiredString("reason", 500);
        fields.throwIfInvalid();
        Responses.json(ctx, 200, DeploymentJson.view(promotions.rollback(caller, PathParams.model(ctx), reason)));
    }

    /**
     * Answers at once unless the client says which revision it has ({@code after_revision}) and asks to wait:
     * then the answer comes with the first change, or when the wait is over (with the same revision).
     */
    private void longPoll(Context ctx, ModelName model) throws InterruptedException {
        String afterParam = ctx.queryParam("after_revision");
        Duration wait = wait(ctx.queryParam("wait"));
        if (afterParam == null || wait.isZero()) {
            answer(ctx, views.view(model));
            return;
        }
        views.awaitRevisionAfter(model, afterRevision(afterParam, "after_revision"), wait);
        answer(ctx, views.view(model));
    }

    /**
     * The deployment, with RFC 9745 {@code Deprecation} (when the model is or will be expired) and RFC 8594
     * {@code Sunset} (when its ownership is or will be released) while it is under deprecation pressure.
     */
    private static void answer(Context ctx, DeploymentView view) {
        ModelHealth health = view.health();
        if (health.state() != Health.OK) {
            ctx.header("Deprecation", "@" + health.expiresAt().getEpochSecond());
            ctx.header("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(health.sunset().atOffset(ZoneOffset.UTC)));
        }
        Responses.json(ctx, 200, DeploymentJson.view(view));
    }

    /** Server-sent events: the deployment now, then again at every change, with keep-alive comments in between. */
    private void stream(Context ctx, ModelName model) throws InterruptedException {
        views.revision(model);
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try (ChangeFeed.Subscription changes = views.subscribe(model)) {
            OutputStream out = ctx.res().getOutputStream();
            long sent = -1;
            while (changes.open()) {
                DeploymentView view = views.view(model);
                if (view.state().revision() != sent) {
                    sent = view.state().revision();
                    write(out, "id: " + sent + "\nevent: deployment\ndata: " + Json.write(DeploymentJson.view(view)) + "\n\n");
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

    /** {@code ?at=}: an RFC 3339 timestamp, or absent. */
    private static Optional<Instant> at(Context ctx) {
        String text = ctx.queryParam("at");
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(Times.rfc3339(text).orElseThrow(() -> RegistryException.invalid("at",
                "must be an RFC 3339 timestamp such as 2026-05-15T14:30:00Z (in a URL, an offset's + is %2B)")));
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
}
