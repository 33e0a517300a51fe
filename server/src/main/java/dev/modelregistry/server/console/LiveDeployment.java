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
 * N (or after {@link #WAIT} with the same one), over the same change feed as the API's long-poll. When the revision
 * did change, the answer also carries the page's versions table and timeline as htmx out-of-band swaps, because a
 * promotion or rollback changes version statuses and adds a timeline entry. htmx on the model page asks again each
 * time an answer arrives, so the page follows promotions and rollbacks without a reload; without JavaScript the page
 * is simply as it was when loaded.
 */
public final class LiveDeployment {
    /** How long one request waits for a change; well under the idle timeouts of proxies in between. */
    static final Duration WAIT = Duration.ofSeconds(25);

    /**
     * The deployment section of the model page, and the address from which it asks for its next state; that address
     * keeps the page of versions on screen ({@code versionsAfter}, null on the first page).
     */
    public record DeploymentSection(ModelName model, DeploymentState split, boolean mayRollBack,
                                    String versionsAfter) {
        public String pollHref() {
            String href = Show.modelHref(model) + "/deployment?after_revision=" + split.revision();
            return versionsAfter == null ? href : href + "&after=" + Show.query(versionsAfter);
        }

        public boolean deployed() {
            return split.production().isPresent() || split.canary().isPresent();
        }
    }

    private final DeploymentViews deployments;
    private final ModelPage modelPage;
    private final Templates templates;

    public LiveDeployment(DeploymentViews deployments, ModelPage modelPage, Templates templates) {
        this.deployments = deployments;
        this.modelPage = modelPage;
        this.templates = templates;
    }

    public void section(Context ctx, SignedIn session) throws InterruptedException {
        ModelName model = PathParams.model(ctx);
        long shown = afterRevision(ctx.queryParam("after_revision"));
        if (deployments.awaitRevisionAfter(model, shown, WAIT) == shown) {
            templates.render(ctx, 200, "deployment.jte", modelPage.deploymentSection(ctx, session));
        } else {
            templates.render(ctx, 200, "model-live.jte", modelPage.view(ctx, session));
        }
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
