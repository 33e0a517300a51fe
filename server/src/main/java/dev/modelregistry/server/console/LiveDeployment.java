package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.deployment.DeploymentState;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.http.PathParams;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * GET /ui/models/{name}/deployment/live?after_revision=N: the model page's deployment section, answered once the
 * revision is past N (a long-poll on the deployment watch, at most {@link #WAIT}) or at once without N. The section
 * asks for itself again with htmx attributes only (no script of ours, so the CSP stays strict), and when the revision
 * moved the answer tells htmx to reload the page; without JavaScript the page is simply as it was rendered.
 */
public final class LiveDeployment {
    /** Shorter than the usual 30–60 s proxy idle timeouts, so a quiet long-poll is answered, not cut. */
    static final Duration WAIT = Duration.ofSeconds(25);

    /** The section: the model and its split. */
    public record LiveSection(ModelName model, DeploymentState split) {
        public String liveHref() {
            return Show.modelHref(model) + "/deployment/live?after_revision=" + split.revision();
        }
    }

    private final DeploymentViews deployments;
    private final Templates templates;

    public LiveDeployment(DeploymentViews deployments, Templates templates) {
        this.deployments = deployments;
        this.templates = templates;
    }

    public void section(Context ctx, SignedIn session) throws InterruptedException {
        ModelName model = PathParams.model(ctx);
        OptionalLong after = FormText.number(ctx, "after_revision", 0, "a revision number (0 or more)");
        if (after.isPresent()) {
            long shown = after.getAsLong();
            if (deployments.awaitRevisionAfter(model, shown, WAIT) > shown) {
                // A new revision changes more of the page than this section (the versions' statuses, the
                // timeline): htmx reloads the whole page; any other client takes the section as it is.
                ctx.header("HX-Refresh", "true");
            }
        }
        templates.render(ctx, 200, "deployment.jte", new LiveSection(model, deployments.state(model)));
    }
}
