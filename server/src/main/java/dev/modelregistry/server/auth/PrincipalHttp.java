package dev.modelregistry.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.access.PrincipalRole;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The HTTP adapter for principals and their tokens (admin routes). */
public final class PrincipalHttp {
    private static final String KNOWN_ROLES = Arrays.stream(PrincipalRole.values()).map(PrincipalRole::wire)
            .collect(Collectors.joining(", "));
    private static final Pattern TOKEN_ID = Pattern.compile("^tok_[0-9a-f]{16}$");

    private final PrincipalService principals;
    private final RequestBody body;

    public PrincipalHttp(PrincipalService principals, RequestBody body) {
        this.principals = principals;
        this.body = body;
    }

    public void create(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("name", "kind", "admin");
        String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
        Principal.Kind kind = kind(fields);
        boolean admin = fields.optionalBoolean("admin").orElse(false);
        fields.throwIfInvalid();
        Responses.json(ctx, 201, PrincipalJson.principal(principals.create(caller, name, kind, admin), Set.of()));
    }

    public void list(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        List<Principal> page = principals.page(Pages.after(ctx).orElse(""), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, PrincipalJson::principal, Principal::name));
    }

    public void get(Context ctx, Caller caller) {
        String name = principalName(ctx);
        Principal principal = principals.get(name);
        Responses.json(ctx, 200, PrincipalJson.principal(principal, principals.rolesOf(name)));
    }

    public void grantRole(Context ctx, Caller caller) {
        principals.grantRole(caller, principalName(ctx), role(ctx));
        Responses.noContent(ctx);
    }

    public void revokeRole(Context ctx, Caller caller) {
        principals.revokeRole(caller, principalName(ctx), role(ctx));
        Responses.noContent(ctx);
    }

    public void issueToken(Context ctx, Caller caller) {
        body.object(ctx, true).allowOnly().throwIfInvalid();
        PrincipalService.IssuedToken issued = principals.issueToken(caller, principalName(ctx));
        ObjectNode json = PrincipalJson.token(issued.token()).put("token", issued.secret());
        json.remove("revoked_at");
        Responses.jsonWithSecret(ctx, 201, json, "token");
    }

    public void listTokens(Context ctx, Caller caller) {
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        principals.tokensOf(principalName(ctx)).forEach(token -> items.add(PrincipalJson.token(token)));
        page.putNull("next");
        Responses.json(ctx, 200, page);
    }

    public void revokeToken(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        if (!TOKEN_ID.matcher(id).matches()) {
            throw RegistryException.notFound("token " + PathParams.printable(id));
        }
        principals.revokeToken(caller, id);
        Responses.noContent(ctx);
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

    /** {@code {role}}: a role this registry knows; any other name is a role that does not exist. */
    private static PrincipalRole role(Context ctx) {
        String text = ctx.pathParam("role");
        return PrincipalRole.fromWire(text).orElseThrow(() -> new RegistryException(ErrorCode.NOT_FOUND,
                "no role is named " + PathParams.printable(text) + "; the roles are: " + KNOWN_ROLES));
    }

    private static String principalName(Context ctx) {
        return PathParams.slug(ctx, "name", "principal");
    }
}
