package dev.modelregistry.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static dev.modelregistry.server.http.Access.ADMIN;

/** Admin routes for principals and their tokens. */
public final class PrincipalRoutes {
    private static final Pattern TOKEN_ID = Pattern.compile("^tok_[0-9a-f]{16}$");

    private final PrincipalService principals;
    private final RequestBody body;

    public PrincipalRoutes(PrincipalService principals, RequestBody body) {
        this.principals = principals;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.post("/principals", ADMIN, (ctx, caller) -> {
                    JsonFields fields = body.object(ctx, false).allowOnly("name", "kind", "admin");
                    String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
                    Principal.Kind kind = kind(fields);
                    boolean admin = fields.optionalBoolean("admin").orElse(false);
                    fields.throwIfInvalid();
                    Responses.json(ctx, 201, principals.create(caller, name, kind, admin).toJson());
                }),
                Route.get("/principals", ADMIN, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    List<Principal> page = principals.page(Pages.after(ctx).orElse(""), limit + 1);
                    Responses.json(ctx, 200, Pages.render(page, limit, Principal::toJson, Principal::name));
                }),
                Route.get("/principals/{name}", ADMIN, (ctx, caller) ->
                        Responses.json(ctx, 200, principals.get(principalName(ctx)).toJson())),
                Route.post("/principals/{name}/tokens", ADMIN, (ctx, caller) -> {
                    body.object(ctx, true).allowOnly().throwIfInvalid();
                    PrincipalService.IssuedToken issued = principals.issueToken(caller, principalName(ctx));
                    ObjectNode json = issued.token().toJson().put("token", issued.secret());
                    json.remove("revoked_at");
                    Responses.jsonWithSecret(ctx, 201, json, "token");
                }),
                Route.get("/principals/{name}/tokens", ADMIN, (ctx, caller) -> {
                    ObjectNode page = Json.object();
                    ArrayNode items = page.putArray("items");
                    principals.tokensOf(principalName(ctx)).forEach(token -> items.add(token.toJson()));
                    page.putNull("next");
                    Responses.json(ctx, 200, page);
                }),
                Route.delete("/tokens/{id}", ADMIN, (ctx, caller) -> {
                    String id = ctx.pathParam("id");
                    if (!TOKEN_ID.matcher(id).matches()) {
                        throw RegistryException.notFound("token " + id.replaceAll("\\p{Cntrl}", "?"));
                    }
                    principals.revokeToken(caller, id);
                    Responses.noContent(ctx);
                }));
    }

    private static Principal.Kind kind(JsonFields fields) {
        String kind = fields.requiredString("kind", 16);
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "user", "service" -> Principal.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            default -> {
                fields.error("kind", "must be \"user\" or \"service\"");
                yield null;
            }
        };
    }

    /** A name in a path that could not exist is simply not found; no need to echo hostile text back. */
    static String principalName(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("principal");
        }
        return name;
    }
}
