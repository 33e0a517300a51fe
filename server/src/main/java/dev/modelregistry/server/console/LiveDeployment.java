package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.deployment.DeploymentState;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.http.PathParams;
import io.javalin.http.Context;

import java.time.Duration;

/**
 * GET /ui/models/{name}/deployment?after_revision=N: the model page's deployment section once the revision is past
 * N (or after {@link #WAIT} with the same one), over the same change feed as the API's long-poll. htmx on the
 * model page asks for it again each time it arrives, so the split on screen follows promotions and rollbacks;
 * without JavaScript the page is simply as it was when loaded.
 */
public final class LiveDeployment {
    /** How long one request waits for a change; well under the idle timeouts of proxies in between. */
    static final Duration WAIT = Duration.ofSeconds(25);

    /** The deployment section of the model page, and the address from which it asks for its next state. */
    public record DeploymentSection(ModelName model, DeploymentState split) {
        public String pollHref() {
            return Show.modelHref(model) + "/deployment?after_revision=" + split.revision();
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
        deployments.awaitRevisionAfter(model, afterRevision(ctx.queryParam("after_revision")), WAIT);
        templates.render(ctx, 200, "deployment.jte", new DeploymentSection(model, deployments.state(model)));
    }

    private static long afterRevision(String text) {
        try {
            long revision = Long.parseLong(text == null ? "" : text);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // refused below like a negative revision
        }
        throw RegistryException.invalid("after_revision", "must be a revision number, 0 or more");
    }
}
