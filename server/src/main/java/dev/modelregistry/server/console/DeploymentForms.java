package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.deployment.PromotionService;
import dev.modelregistry.server.http.PathParams;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Promote, canary and roll back from the browser: each first shows a confirmation naming what will change (a GET,
 * which changes nothing), and the confirmation's form posts the change, which goes through
 * {@link PromotionService} with the signed-in person as caller and approver — the same gates, the same audit
 * entries, the same announcement to watchers as the API.
 */
public final class DeploymentForms {
    private static final Pattern CONTROL_BUT_NEWLINE = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    /** A confirmation page: what is asked, what it would change, and where the confirming form posts. */
    public record Confirmation(Layout layout, ModelName model, ModelId version, Integer canaryPct, List<String> changes,
                               String action) {
        public boolean rollback() {
            return version == null;
        }
    }

    private final PromotionService promotions;
    private final DeploymentViews deployments;
    private final Templates templates;

    public DeploymentForms(PromotionService promotions, DeploymentViews deployments, Templates templates) {
        this.promotions = promotions;
        this.deployments = deployments;
        this.templates = templates;
    }

    /** GET /ui/models/{name}/versions/{model_id}/promote?canary_pct=N. */
    public void confirmPromotion(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        ModelId version = PathParams.modelId(ctx, model);
        int pct = canaryPct(ctx.queryParam("canary_pct"));
        String title = pct < 100 ? "Start a canary" : "Promote to production";
        List<String> changes = DeploymentPlan.promotion(deployments.state(model), version, pct);
        templates.render(ctx, 200, "confirm.jte", new Confirmation(Layout.of(title, session), model, version, pct,
                changes, Show.versionHref(version) + "/promote"));
    }

    /** POST /ui/models/{name}/versions/{model_id}/promote: the confirmed promotion. */
    public void promote(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        ModelId version = PathParams.modelId(ctx, model);
        promotions.promote(session.caller(), model, version, session.caller().name(), canaryPct(ctx.formParam("canary_pct")));
        ctx.redirect(Show.modelHref(model), HttpStatus.SEE_OTHER);
    }

    /** GET /ui/models/{name}/rollback. */
    public void confirmRollback(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        List<String> changes = DeploymentPlan.rollback(deployments.state(model));
        templates.render(ctx, 200, "confirm.jte", new Confirmation(Layout.of("Roll back " + model, session), model, null,
                null, changes, Show.modelHref(model) + "/rollback"));
    }

    /** POST /ui/models/{name}/rollback: the confirmed rollback, with the reason the person gave. */
    public void rollback(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        promotions.rollback(session.caller(), model, reason(ctx.formParam("reason")));
        ctx.redirect(Show.modelHref(model), HttpStatus.SEE_OTHER);
    }

    /** 1–99 starts (or adjusts) a canary with that share, 100 makes production; absent means 100, as in the API. */
    private static int canaryPct(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            int pct = Integer.parseInt(text.trim());
            if (pct >= 1 && pct <= 100) {
                return pct;
            }
        } catch (NumberFormatException e) {
            // refused below like any other value out of range
        }
        throw RegistryException.invalid("canary_pct", "must be a whole number from 1 to 100");
    }

    /** The reason for the record: required, at most 500 characters, lines kept, other control characters refused. */
    private static String reason(String text) {
        String reason = text == null ? "" : text.replace("\r\n", "\n").trim();
        if (reason.isEmpty() || reason.length() > 500 || CONTROL_BUT_NEWLINE.matcher(reason).find()) {
            throw RegistryException.invalid("reason", "say why, in at most 500 characters");
        }
        return reason;
    }
}
