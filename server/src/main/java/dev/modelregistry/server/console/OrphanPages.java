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
 * GET /ui/orphans: the models nobody is accountable for, with why and since when. The admin's reassignment: GET
 * /ui/models/{name}/reassign asks for the new owner team, then (with {@code ?owner=}) confirms, naming what will
 * change; the confirmation's form posts to POST /ui/models/{name}/reassign, which calls
 * {@link OwnershipService#reassign} — the API's reassignment, with its checks and its audit entry.
 */
public final class OrphanPages {
    /** Orphans per page; the next page starts after the last name shown. */
    static final int PAGE_SIZE = 50;

    /** The list; {@code admin} decides whether each orphan offers its reassignment. */
    public record OrphansPage(Layout layout, List<ModelHealth> orphans, String nextHref, boolean admin) {
    }

    /** The reassignment: the model now, and the team asked for with its members (both null until one is named). */
    public record ReassignPage(Layout layout, ModelView model, String owner, Team team) {
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

    public void list(Context ctx, SignedIn session) {
        List<ModelHealth> fetched = ownership.orphans(FormText.of(ctx, "after"), PAGE_SIZE + 1);
        List<ModelHealth> shown = fetched.subList(0, Math.min(PAGE_SIZE, fetched.size()));
        String next = fetched.size() > PAGE_SIZE
                ? ConsoleApp.PREFIX + "/orphans?after=" + Show.query(shown.get(shown.size() - 1).model().value()) : null;
        templates.render(ctx, 200, "orphans.jte", new OrphansPage(Layout.of("Orphans", session), shown, next,
                session.caller().admin()));
    }

    /** GET /ui/models/{name}/reassign[?owner=TEAM]: the choice, then the confirmation (which changes nothing). */
    public void confirm(Context ctx, SignedIn session) {
        ModelName name = PathParams.model(ctx);
        ModelView model = models.view(name);
        String owner = FormText.of(ctx, "owner");
        Team team = owner.isEmpty() ? null : teams.get(Slug.require("owner", owner));
        templates.render(ctx, 200, "reassign.jte", new ReassignPage(Layout.of("Reassign " + name.value(), session),
                model, owner, team));
    }

    /** POST /ui/models/{name}/reassign: the confirmed reassignment, then the model's page. */
    public void reassign(Context ctx, SignedIn session) {
        ModelName name = PathParams.model(ctx);
        String owner = ctx.formParam("owner");
        ownership.reassign(session.caller(), name, Slug.require("owner", owner == null ? "" : owner.trim()));
        ctx.redirect(Show.modelHref(name), HttpStatus.SEE_OTHER);
    }
}
