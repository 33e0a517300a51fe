package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelView;
import dev.modelregistry.server.ownership.OwnershipService;
import dev.modelregistry.server.team.Team;
import dev.modelregistry.server.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;

/**
 * GET /ui/orphans: the models nobody is accountable for, with why and since when; for admins, the reassignment of
 * each to a team: GET /ui/models/{name}/reassign?owner= confirms, naming what will change (and changes nothing), and
 * its form posts to POST /ui/models/{name}/reassign (ADMIN routes both, through {@link OwnershipService}, audited).
 */
public final class OrphanPages {
    static final int PAGE_SIZE = 50;

    /** The page: one row per orphan, the next page's link (null on the last), and whether the reader may reassign. */
    public record OrphansView(Layout layout, List<ModelHealth> orphans, String nextHref, boolean admin) {
    }

    /** The reassignment asked for: the model now, the team named (as typed) and, once found, that team. */
    public record ReassignView(Layout layout, ModelView model, String owner, Team team) {
        public boolean confirming() {
            return team != null;
        }
    }

    private final OwnershipService ownership;
    private final ModelService models;
    private final TeamService teams;
    private final Templates templates;

    public OrphanPages(OwnershipService ownership, ModelService models, TeamService teams, Templates templates) {
        this.ownership = ownership;
        this.models = models;
        this.teams = teams;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        KeysetPage<ModelHealth> page = KeysetPage.of(ownership.orphans(QueryParams.text(ctx, "after"), PAGE_SIZE + 1),
                PAGE_SIZE);
        String next = page.nextHref(last -> "/ui/orphans?after=" + Show.query(last.model().value()));
        templates.render(ctx, 200, "orphans.jte", new OrphansView(Layout.of("Orphans", session), page.shown(), next,
                session.caller().admin()));
    }

    /** The confirmation (or, without {@code ?owner=}, the choice of team): a GET that changes nothing. */
    public void confirm(Context ctx, SignedIn session) {
        ModelName name = PathParams.model(ctx);
        ModelView model = models.view(name);
        String owner = QueryParams.text(ctx, "owner");
        Team team = owner.isEmpty() ? null : teams.get(Slug.require("owner", owner));
        templates.render(ctx, 200, "reassign.jte", new ReassignView(Layout.of("Reassign " + name.value(), session),
                model, owner, team));
    }

    public void reassign(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        String owner = Slug.require("owner", QueryParams.form(ctx, "owner"));
        ownership.reassign(session.caller(), model, owner);
        ctx.redirect(Show.modelHref(model), HttpStatus.SEE_OTHER);
    }
}
