package dev.modelregistry.server.http;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ArtifactPath;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
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

    /** {@code {model_id}}: a version of {@code model}. A model_id that cannot exist is a version not found. */
    public static ModelId version(Context ctx, ModelName model) {
        String text = ctx.pathParam("model_id");
        try {
            return ModelId.parse(text);
        } catch (RegistryException e) {
            throw RegistryException.notFound("version " + printable(text) + " of model " + model);
        }
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
