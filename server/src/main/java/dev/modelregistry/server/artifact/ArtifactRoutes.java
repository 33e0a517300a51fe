package dev.modelregistry.server.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ArtifactPath;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/**
 * Streaming artifact routes. Bodies are never read into memory: uploads go from the request straight into the
 * blob store, downloads from the store straight to the response.
 */
public final class ArtifactRoutes {
    static final String ARTIFACT = "/models/{name}/versions/{model_id}/artifacts/<path>";
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$");

    private final ArtifactService artifacts;
    private final RequestBody body;

    public ArtifactRoutes(ArtifactService artifacts, RequestBody body) {
        this.artifacts = artifacts;
        this.body = body;
    }

    public List<Route> routes() {
        return List.of(
                Route.put(ARTIFACT, AUTHENTICATED, (ctx, caller) -> {
                    ArtifactService.Upload upload = new ArtifactService.Upload(model(ctx), ctx.pathParam("model_id"),
                            path(ctx), ContentDigest.sha256Hex(ctx.header("Content-Digest")), mediaType(ctx),
                            ctx.req().getContentLengthLong());
                    ArtifactService.Uploaded uploaded;
                    try (InputStream in = ctx.req().getInputStream()) {
                        uploaded = artifacts.upload(caller, upload, in);
                    }
                    ObjectNode json = uploaded.artifact().toJson().put("outcome", uploaded.outcome().name().toLowerCase(Locale.ROOT));
                    Responses.json(ctx, uploaded.outcome() == ArtifactService.Outcome.CREATED ? 201 : 200, json);
                }),
                Route.get(ARTIFACT, AUTHENTICATED, (ctx, caller) -> {
                    Artifact artifact = artifacts.find(model(ctx), ctx.pathParam("model_id"), path(ctx));
                    download(ctx, artifact);
                }),
                Route.get("/models/{name}/versions/{model_id}/artifacts", AUTHENTICATED, (ctx, caller) -> {
                    ObjectNode page = Json.object();
                    ArrayNode items = page.putArray("items");
                    artifacts.list(model(ctx), ctx.pathParam("model_id")).forEach(a -> items.add(a.toJson()));
                    page.putNull("next");
                    Responses.json(ctx, 200, page);
                }),
                Route.post("/models/{name}/versions/{model_id}:seal", AUTHENTICATED, (ctx, caller) -> {
                    body.object(ctx, true).allowOnly().throwIfInvalid();
                    Responses.json(ctx, 200, artifacts.seal(caller, model(ctx), ctx.pathParam("model_id")).toJson());
                }));
    }

    private void download(Context ctx, Artifact artifact) throws Exception {
        Optional<ByteRange> range = ByteRange.parse(ctx.header("Range"), artifact.size());
        long offset = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(artifact.size());
        ctx.header("ETag", "\"" + artifact.sha256() + "\"");
        ctx.header("Repr-Digest", ContentDigest.header(artifact.sha256()));
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(artifact.mediaType());
        range.ifPresent(r -> ctx.header("Content-Range", r.contentRange(artifact.size())));
        ctx.status(range.isPresent() ? 206 : 200);
        ctx.res().setContentLengthLong(length);
        try (InputStream in = artifacts.open(artifact, offset, length); OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static String model(Context ctx) {
        String name = ctx.pathParam("name");
        if (!Slug.isValid(name)) {
            throw RegistryException.notFound("model");
        }
        return name;
    }

    private static ArtifactPath path(Context ctx) {
        return new ArtifactPath(ctx.pathParam("path"));
    }

    private static String mediaType(Context ctx) {
        String type = ctx.contentType();
        if (type == null || type.isBlank()) {
            return "application/octet-stream";
        }
        String bare = type.split(";", 2)[0].trim();
        if (bare.length() > 127 || !MEDIA_TYPE.matcher(bare).matches()) {
            throw RegistryException.invalid("Content-Type", "must be a media type such as application/octet-stream");
        }
        return bare;
    }
}
