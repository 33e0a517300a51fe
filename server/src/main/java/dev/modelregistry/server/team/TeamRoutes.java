package dev.modelregistry.server.team;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import io.javalin.http.Context;

import java.util.List;

import static dev.modelregistry.server.http.Access.ADMIN;
import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/** Routes for teams (admin writes, any principal reads) and their members. */
public final class TeamRoutes {
    private final TeamService teams;
    private final RequestBody body;

    public TeamRoutes(TeamService teams, RequestBody body) {
        this.teams = teams;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/teams", ADMIN, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("name");
                    String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
                    fields.throwIfInvalid();
                    Responses.json(ctx, 201, teams.create(caller, name).toJson());
                }),
                Route.get("/teams", AUTHENTICATED, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    List<Team> page = teams.page(Pages.after(ctx).orElse(""), limit + 1);
                    Responses.json(ctx, 200, Pages.render(page, limit, Team::toJson, Team::name));
                }),
                Route.get("/teams/{team}", AUTHENTICATED, (ctx, caller) ->
                        Responses.json(ctx, 200, teams.get(slug(ctx, "team")).toJson())),
                Route.put("/teams/{team}/members/{principal}", ADMIN, (ctx, caller) -> {
                    teams.addMember(caller, slug(ctx, "team"), slug(ctx, "principal"));
                    Responses.noContent(ctx);
                }),
                Route.delete("/teams/{team}/members/{principal}", ADMIN, (ctx, caller) -> {
                    teams.removeMember(caller, slug(ctx, "team"), slug(ctx, "principal"));
                    Responses.noContent(ctx);
                }));
    }

    private static String slug(Context ctx, String param) {
        String value = ctx.pathParam(param);
        if (!Slug.isValid(value)) {
            throw RegistryException.notFound(param);
        }
        return value;
    }
}
