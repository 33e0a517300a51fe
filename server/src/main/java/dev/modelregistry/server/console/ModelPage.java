package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.deployment.DeploymentState;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.deployment.HistoryEntry;
import dev.modelregistry.server.evaluation.EvaluationReport;
import dev.modelregistry.server.evaluation.EvaluationService;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelView;
import dev.modelregistry.server.model.RegistrationService;
import dev.modelregistry.server.model.Version;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GET /ui/models/{name}: the model's health and deprecation dates, its current split, its versions with their
 * evaluation verdicts, and the latest deployment changes as a timeline, newest first.
 */
public final class ModelPage {
    static final int VERSIONS_PER_PAGE = 50;
    /** How many of the latest deployment revisions the timeline shows. */
    static final int TIMELINE_LENGTH = 50;

    /** The page; {@code nextVersionsHref} is null on the last page of versions. */
    public record ModelPageView(Layout layout, ModelView model, DeploymentState split, List<VersionRow> versions,
                                String nextVersionsHref, List<HistoryEntry> timeline) {
        public LiveDeployment.DeploymentSection deploymentSection() {
            return new LiveDeployment.DeploymentSection(model.model().name(), split);
        }
    }

    /** A version and what its evaluations concluded (null when it has none). */
    public record VersionRow(Version version, EvaluationReport.Verdict verdict) {
    }

    private final ModelService models;
    private final RegistrationService registrations;
    private final EvaluationService evaluations;
    private final DeploymentViews deployments;
    private final Templates templates;

    public ModelPage(ModelService models, RegistrationService registrations, EvaluationService evaluations,
                     DeploymentViews deployments, Templates templates) {
        this.models = models;
        this.registrations = registrations;
        this.evaluations = evaluations;
        this.deployments = deployments;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        ModelName name = PathParams.model(ctx);
        ModelView model = models.view(name);
        Optional<String> after = Optional.of(QueryParams.text(ctx, "after")).filter(text -> !text.isEmpty());
        KeysetPage<Version> page = KeysetPage.of(registrations.pageVersions(name, after, VERSIONS_PER_PAGE + 1),
                VERSIONS_PER_PAGE);
        Map<ModelId, EvaluationReport.Verdict> verdicts = evaluations.summaryVerdicts(page.shown());
        List<VersionRow> rows = page.shown().stream().map(v -> new VersionRow(v, verdicts.get(v.modelId()))).toList();
        String next = page.nextHref(last -> Show.modelHref(name) + "?after=" + Show.query(last.modelId().toString()));
        DeploymentState split = deployments.state(name);
        templates.render(ctx, 200, "model.jte", new ModelPageView(Layout.of(name.value(), session), model, split, rows,
                next, timeline(name, split)));
    }

    /** The last {@value #TIMELINE_LENGTH} deployment changes, newest first. */
    private List<HistoryEntry> timeline(ModelName name, DeploymentState split) {
        long from = Math.max(0, split.revision() - TIMELINE_LENGTH);
        List<HistoryEntry> entries = new ArrayList<>(deployments.history(name, from, TIMELINE_LENGTH));
        Collections.reverse(entries);
        return entries;
    }
}
