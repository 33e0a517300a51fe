package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.ownership.OwnershipService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;

/**
 * GET /ui/orphans: the models nobody is accountable for, with why and since when; for admins, the reassignment of
 * each to a team (POST /ui/models/{name}/reassign, an ADMIN route, through {@link OwnershipService} and audited).
 */
public final class OrphanPages {
    static final int PAGE_SIZE = 50;

    /** The page: one row per orphan, the next page's link (null on the last), and whether the reader may reassign. */
    public record OrphansView(Layout layout, List<ModelHealth> orphans, String nextHref, boolean admin) {
    }

    private final OwnershipService ownership;
    private final Templates templates;

    public OrphanPages(OwnershipService ownership, Templates templates) {
        this.ownership = ownership;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        KeysetPage<ModelHealth> page = KeysetPage.of(ownership.orphans(QueryParams.text(ctx, "after"), PAGE_SIZE + 1),
                PAGE_SIZE);
        String next = page.nextHref(last -> "/ui/orphans?after=" + Show.query(last.model().value()));
        templates.render(ctx, 200, "orphans.jte", new OrphansView(Layout.of("Orphans", session), page.shown(), next,
                session.caller().admin()));
    }

    public void reassign(Context ctx, SignedIn session) {
        ModelName model = PathParams.model(ctx);
        String owner = Slug.require("owner", QueryParams.form(ctx, "owner"));
        ownership.reassign(session.caller(), model, owner);
        ctx.redirect(Show.modelHref(model), HttpStatus.SEE_OTHER);
    }
}
