package dev.modelregistry.server.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.json.Json;
import dev.modelregistry.server.model.ModelJson;
import io.javalin.http.Context;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP adapter for artifacts. Bodies are never read into memory: uploads go from the request straight into the
 * blob store, downloads from the store straight to the response.
 */
public final class ArtifactHttp {
    private static final Pattern MEDIA_TYPE = Pattern.compile("^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$");

    private final ArtifactService artifacts;
    private final RequestBody body;

    public ArtifactHttp(ArtifactService artifacts, RequestBody body) {
        this.artifacts = artifacts;
        this.body = body;
    }

    public void upload(Context ctx, Caller caller) throws Exception {
        ModelName model = PathParams.model(ctx);
        ArtifactService.Upload upload = new ArtifactService.Upload(model, PathParams.version(ctx, model),
                PathParams.artifactPath(ctx), ContentDigest.sha256Hex(ctx.header("Content-Digest")), mediaType(ctx),
                ctx.req().getContentLengthLong());
        ArtifactService.Uploaded uploaded;
        try (InputStream in = ctx.req().getInputStream()) {
            uploaded = artifacts.upload(caller, upload, in);
        }
        ObjectNode json = ArtifactJson.artifact(uploaded.artifact())
                .put("outcome", uploaded.outcome().name().toLowerCase(Locale.ROOT));
        Responses.json(ctx, uploaded.outcome() == ArtifactService.Outcome.CREATED ? 201 : 200, json);
    }

    public void download(Context ctx, Caller caller) throws Exception {
        ModelName model = PathParams.model(ctx);
        Artifact artifact = artifacts.find(model, PathParams.version(ctx, model), PathParams.artifactPath(ctx));
        Optional<ByteRange> range = ByteRange.parse(ctx.header("Range"), artifact.size());
        long offset = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(artifact.size());
        // Opened before any header is set: a blob missing from the store is then a whole problem+json 503, not a
        // body cut short under the artifact's Content-Length.
        InputStream in = artifacts.open(artifact, offset, length);
        ctx.header("ETag", "\"" + artifact.sha256() + "\"");
        ctx.header("Repr-Digest", ContentDigest.header(artifact.sha256()));
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(artifact.mediaType());
        range.ifPresent(r -> ctx.header("Content-Range", r.contentRange(artifact.size())));
        ctx.status(range.isPresent() ? 206 : 200);
        ctx.res().setContentLengthLong(length);
        try (in; OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        }
    }

    public void list(Context ctx, Caller caller) {
        ModelName model = PathParams.model(ctx);
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        artifacts.list(model, PathParams.version(ctx, model)).forEach(a -> items.add(ArtifactJson.artifact(a)));
        page.putNull("next");
        Responses.json(ctx, 200, page);
    }

    public void seal(Context ctx, Caller caller) {
        body.object(ctx, true).allowOnly().throwIfInvalid();
        ModelName model = PathParams.model(ctx);
        Responses.json(ctx, 200, ModelJson.version(artifacts.seal(caller, model, PathParams.version(ctx, model))));
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
