package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.deployment.DeploymentState;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.model.Health;
import dev.modelregistry.server.model.LabelFilter;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelSearch;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelView;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** GET /ui/models: find models by name, owner team and health, each with what is in production and canary. */
public final class ModelListPage {
    /** Models per page; the next page starts after the last name shown (keyset paging, stable while models are added). */
    static final int PAGE_SIZE = 50;

    /** The page: the search as typed, one row per model, and the link to the next page (null on the last). */
    public record ModelsPage(Layout layout, String q, String owner, String label, String health, List<Row> rows,
                             String nextHref) {
        /** The health values the filter offers. */
        public List<String> healthChoices() {
            return Arrays.stream(Health.values()).map(Health::wire).toList();
        }
    }

    /** One model: its health and its current split. */
    public record Row(ModelHealth model, DeploymentState split) {
    }

    private final ModelService models;
    private final DeploymentViews deployments;
    private final Templates templates;

    public ModelListPage(ModelService models, DeploymentViews deployments, Templates templates) {
        this.models = models;
        this.deployments = deployments;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        String q = QueryParams.text(ctx, "q").toLowerCase(Locale.ROOT);
        String owner = QueryParams.text(ctx, "owner");
        String label = QueryParams.text(ctx, "label");
        String health = QueryParams.text(ctx, "health");
        ModelSearch search = new ModelSearch(Optional.empty(), Optional.of(q).filter(s -> !s.isEmpty()),
                ownerFilter(owner), healthFilter(health), labelFilter(label).stream().toList());
        KeysetPage<ModelHealth> page = KeysetPage.of(models.search(search, QueryParams.text(ctx, "after"),
                PAGE_SIZE + 1).stream().map(ModelView::health).toList(), PAGE_SIZE);
        Map<ModelName, DeploymentState> splits = deployments.splits(page.shown());
        List<Row> rows = page.shown().stream().map(m -> new Row(m, splits.get(m.model()))).toList();
        String next = page.nextHref(last -> nextHref(q, owner, label, health, last.model().value()));
        templates.render(ctx, 200, "models.jte",
                new ModelsPage(Layout.of("Models", session), q, owner, label, health, rows, next));
    }

    private static String nextHref(String q, String owner, String label, String health, String after) {
        return ConsoleApp.HOME + "?q=" + Show.query(q) + "&owner=" + Show.query(owner) + "&label=" + Show.query(label)
                + "&health=" + Show.query(health) + "&after=" + Show.query(after);
    }

    /** {@code key} (any value) or {@code key=value}: models with a version carrying that label. */
    private static Optional<LabelFilter> labelFilter(String label) {
        if (label.isEmpty()) {
            return Optional.empty();
        }
        int equals = label.indexOf('=');
        String key = (equals < 0 ? label : label.substring(0, equals)).trim();
        if (key.isEmpty()) {
            throw RegistryException.invalid("label", "must be key or key=value");
        }
        return Optional.of(new LabelFilter(key,
                equals < 0 ? Optional.empty() : Optional.of(label.substring(equals + 1).trim())));
    }

    private static Optional<String> ownerFilter(String owner) {
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Slug.require("owner", owner));
    }

    private static Optional<Health> healthFilter(String health) {
        if (health.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(Health.values()).filter(h -> h.wire().equals(health)).findFirst()
                .orElseThrow(() -> RegistryException.invalid("health", "must be ok, warning, expired or orphan")));
    }
}
