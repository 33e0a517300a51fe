package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.deployment.PromotionReadiness;
import dev.modelregistry.server.deployment.PromotionService;
import dev.modelregistry.server.evaluation.EvaluationReport;
import dev.modelregistry.server.evaluation.EvaluationService;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.lineage.GraphDirection;
import dev.modelregistry.server.lineage.LineageService;
import dev.modelregistry.server.model.RegistrationService;
import dev.modelregistry.server.model.Version;
import io.javalin.http.Context;

import java.util.List;

/**
 * GET /ui/models/{name}/versions/{model_id}: everything about one version — its whole lineage, its evaluations, its
 * artifacts with download links, the ensemble DAG both ways, and every promotion gate as met or unmet for the
 * person looking (as the approver they would be).
 */
public final class VersionPage {
    /** How many edges of the ensemble DAG the page draws each way. */
    static final int GRAPH_DEPTH = 8;

    /** The page: the version and what hangs off it. */
    public record VersionPageView(Layout layout, Version version, List<EvaluationReport> evaluations,
                                  List<Artifact> artifacts, DagPicture consumes, DagPicture consumedBy,
                                  PromotionReadiness checklist) {
    }

    private final RegistrationService registrations;
    private final EvaluationService evaluations;
    private final ArtifactService artifacts;
    private final LineageService lineage;
    private final PromotionService promotions;
    private final Templates templates;

    public VersionPage(RegistrationService registrations, EvaluationService evaluations, ArtifactService artifacts,
                       LineageService lineage, PromotionService promotions, Templates templates) {
        this.registrations = registrations;
        this.evaluations = evaluations;
        this.artifacts = artifacts;
        this.lineage = lineage;
        this.promotions = promotions;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        ModelId modelId = PathParams.modelId(ctx, model);
        Version version = registrations.getVersion(model, modelId);
        VersionPageView page = new VersionPageView(Layout.of(modelId.toString(), session), version,
                evaluations.list(model, modelId), artifacts.list(model, modelId),
                DagPicture.of(lineage.graph(model, modelId, GraphDirection.UP, GRAPH_DEPTH)),
                DagPicture.of(lineage.graph(model, modelId, GraphDirection.DOWN, GRAPH_DEPTH)),
                promotions.readiness(session.caller(), model, modelId, session.caller().name()));
        templates.render(ctx, 200, "version.jte", page);
    }
}
