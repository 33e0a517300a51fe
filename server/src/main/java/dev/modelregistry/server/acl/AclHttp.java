package dev.modelregistry.server.acl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

/** The HTTP adapter for the approver ACL (admin routes). */
public final class AclHttp {
    private final AclService acl;

    public AclHttp(AclService acl) {
        this.acl = acl;
    }

    public void list(Context ctx, Caller caller) {
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        acl.list().forEach(approver -> items.add(AclJson.approver(approver)));
        page.putNull("next");
        Responses.json(ctx, 200, page);
    }

    public void add(Context ctx, Caller caller) {
        acl.add(caller, PathParams.slug(ctx, "principal", "principal"));
        Responses.noContent(ctx);
    }

    public void remove(Context ctx, Caller caller) {
        acl.remove(caller, PathParams.slug(ctx, "principal", "principal"));
        Responses.noContent(ctx);
    }
}
