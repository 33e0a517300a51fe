package dev.modelregistry.server.http;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ArtifactPath;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.core.identity.VersionRef;
import io.javalin.http.Context;

/**
 * The typed values named in a request path, built once at the edge. A name that could not exist is simply not found
 * (404): there is no need to tell a caller why a hostile string is not a name, nor to echo it back. The one
 * exception is a name the request would create ({@link #newModel}).
 */
public final class PathParams {
    private PathParams() {
    }

    /** {@code {name}} of a model route. */
    public static ModelName model(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("model");
        }
        return new ModelName(name);
    }

    /**
     * {@code {name}} of a route that creates the model when it does not exist yet (the first registration): the
     * caller is choosing the name, so an invalid one is a 400 naming the rule, not a model that was not found.
     */
    public static ModelName newModel(Context ctx) {
        return new ModelName(Slug.require("name", ctx.pathParam("name")));
    }

    /**
     * {@code {model_id}} of an API route: a version of {@code model}, by model_id or alias ({@code xsmom@production},
     * {@code @canary}, {@code @latest}), which the service resolves in the transaction that acts on it. Text that is
     * neither cannot name a version: not found.
     */
    public static VersionRef version(Context ctx, ModelName model) {
        String text = ctx.pathParam("model_id");
        try {
            return VersionRef.parse(text);
        } catch (RegistryException e) {
            throw RegistryException.notFound("version " + printable(text) + " of model " + model);
        }
    }

    /**
     * {@code {model_id}} of a console page: a concrete model_id only. A page reads the version in several
     * transactions, and an alias could name another version in each.
     */
    public static ModelId modelId(Context ctx, ModelName model) {
        if (version(ctx, model) instanceof ModelId modelId) {
            return modelId;
        }
        throw RegistryException.notFound("version " + printable(ctx.pathParam("model_id")) + " of model " + model);
    }

    /** A slug-named path parameter (a principal, team or evaluator); {@code what} names it in the 404. */
    public static String slug(Context ctx, String param, String what) {
        String value = ctx.pathParam(param);
        if (!Slug.isValid(value)) {
            throw RegistryException.notFound(what);
        }
        return value;
    }

    /** {@code <path>} of an artifact route, checked after URL-decoding. */
    public static ArtifactPath artifactPath(Context ctx) {
        return new ArtifactPath(ctx.pathParam("path"));
    }

    /** A path value that matched no rule, made safe to put in a message. */
    public static String printable(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() > 200 ? visible.substring(0, 200) + "…" : visible;
    }
}
