package dev.modelregistry.server.acl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.util.List;

import static dev.modelregistry.server.http.Access.ADMIN;

/** Admin routes for the approver ACL. */
public final class AclRoutes {
    private final AclService acl;

    public AclRoutes(AclService acl) {
        this.acl = acl;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/acl/approvers", ADMIN, (ctx, caller) -> {
                    ObjectNode page = Json.object();
                    ArrayNode items = page.putArray("items");
                    acl.list().forEach(approver -> items.add(approver.toJson()));
                    page.putNull("next");
                    Responses.json(ctx, 200, page);
                }),
                Route.put("/acl/approvers/{principal}", ADMIN, (ctx, caller) -> {
                    acl.add(caller, principal(ctx));
                    Responses.noContent(ctx);
                }),
                Route.delete("/acl/approvers/{principal}", ADMIN, (ctx, caller) -> {
                    acl.remove(caller, principal(ctx));
                    Responses.noContent(ctx);
                }));
    }

    private static String principal(Context ctx) {
        String name = ctx.pathParam("principal");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("principal");
        }
        return name;
    }
}
