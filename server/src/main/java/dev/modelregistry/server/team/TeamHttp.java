package dev.modelregistry.server.team;

import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;

import java.util.List;

/** The HTTP adapter for teams (admin writes, any principal reads) and their members. */
public final class TeamHttp {
    private final TeamService teams;
    private final RequestBody body;

    public TeamHttp(TeamService teams, RequestBody body) {
        this.teams = teams;
        this.body = body;
    }

    public void create(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("name");
        String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
        fields.throwIfInvalid();
        Responses.json(ctx, 201, TeamJson.team(teams.create(caller, name)));
    }

    public void list(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        List<Team> page = teams.page(Pages.after(ctx).orElse(""), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, TeamJson::team, Team::name));
    }

    public void get(Context ctx, Caller caller) {
        Responses.json(ctx, 200, TeamJson.team(teams.get(team(ctx))));
    }

    public void addMember(Context ctx, Caller caller) {
        teams.addMember(caller, team(ctx), PathParams.slug(ctx, "principal", "principal"));
        Responses.noContent(ctx);
    }

    public void removeMember(Context ctx, Caller caller) {
        teams.removeMember(caller, team(ctx), PathParams.slug(ctx, "principal", "principal"));
        Responses.noContent(ctx);
    }

    private static String team(Context ctx) {
        return PathParams.slug(ctx, "team", "team");
    }
}
