package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.deployment.DeploymentState;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.deployment.HistoryEntry;
import dev.modelregistry.server.deployment.PromotionService;
import dev.modelregistry.server.evaluation.EvaluationReport;
import dev.modelregistry.server.evaluation.EvaluationService;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelView;
import dev.modelregistry.server.model.RegistrationService;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionSearch;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /ui/models/{name}: the model's health and deprecation dates, its current split, its versions with their
 * evaluation verdicts, and the latest deployment changes as a timeline, newest first. {@link LiveDeployment}
 * renders the same view again when the revision changes, so the three live sections are built in one place.
 */
public final class ModelPage {
    static final int VERSIONS_PER_PAGE = 50;
    /** How many of the latest deployment revisions the timeline shows. */
    static final int TIMELINE_LENGTH = 50;

    /**
     * The page; {@code versionsAfter} is the keyset position of the versions shown (null on the first page), and
     * {@code nextVersionsHref} is null on the last page of versions.
     */
    public record ModelPageView(Layout layout, ModelView model, DeploymentState split, boolean mayRollBack,
                                String versionsAfter, List<VersionRow> versions, String nextVersionsHref,
                                List<HistoryEntry> timeline) {
        public LiveDeployment.DeploymentSection deploymentSection() {
            return new LiveDeployment.DeploymentSection(model.model().name(), split, mayRollBack, versionsAfter);
        }
    }

    /** A version and what its evaluations concluded (null when it has none). */
    public record VersionRow(Version version, EvaluationReport.Verdict verdict) {
    }

    private final ModelService models;
    private final RegistrationService registrations;
    private final EvaluationService evaluations;
    private final DeploymentViews deployments;
    private final PromotionService promotions;
    private final Templates templates;

    public ModelPage(ModelService models, RegistrationService registrations, EvaluationService evaluations,
                     DeploymentViews deployments, PromotionService promotions, Templates templates) {
        this.models = models;
        this.registrations = registrations;
        this.evaluations = evaluations;
        this.deployments = deployments;
        this.promotions = promotions;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        templates.render(ctx, 200, "model.jte", view(ctx, session));
    }

    /** Only the deployment section of the page: what a live update sends when nothing changed. */
    LiveDeployment.DeploymentSection deploymentSection(Context ctx, SignedIn session) {
        ModelName name = PathParams.model(ctx);
        return new LiveDeployment.DeploymentSection(name, deployments.state(name),
                promotions.mayRollBack(session.caller(), name), versionsAfter(ctx).orElse(null));
    }

    /** The page for the model in the path, showing the page of versions after the {@code after} query parameter. */
    ModelPageView view(Context ctx, SignedIn session) {
        ModelName name = PathParams.model(ctx);
        ModelView model = models.view(name);
        Optional<String> after = versionsAfter(ctx);
        KeysetPage<Version> page = KeysetPage.of(registrations.pageVersions(name, VersionSearch.everything(), after,
                VERSIONS_PER_PAGE + 1), VERSIONS_PER_PAGE);
        Map<ModelId, EvaluationReport.Verdict> verdicts = evaluations.summaryVerdicts(page.shown());
        List<VersionRow> rows = page.shown().stream().map(v -> new VersionRow(v, verdicts.get(v.modelId()))).toList();
        String next = page.nextHref(last -> Show.modelHref(name) + "?after=" + Show.query(last.modelId().toString()));
        DeploymentState split = deployments.state(name);
        return new ModelPageView(Layout.of(name.value(), session), model, split,
                promotions.mayRollBack(session.caller(), name), after.orElse(null), rows, next, timeline(name, split));
    }

    private static Optional<String> versionsAfter(Context ctx) {
        return Optional.of(QueryParams.text(ctx, "after")).filter(text -> !text.isEmpty());
    }

    /** The last {@value #TIMELINE_LENGTH} deployment changes, newest first. */
    private List<HistoryEntry> timeline(ModelName name, DeploymentState split) {
        long from = Math.max(0, split.revision() - TIMELINE_LENGTH);
        List<HistoryEntry> entries = new ArrayList<>(deployments.history(name, from, TIMELINE_LENGTH));
        Collections.reverse(entries);
        return entries;
    }
}
