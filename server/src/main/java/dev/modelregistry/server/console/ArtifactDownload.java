package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ArtifactPath;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.artifact.ContentDigest;
import dev.modelregistry.server.http.PathParams;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * GET /ui/models/{name}/versions/{model_id}/artifacts/{path}: an artifact's bytes for a signed-in person, streamed
 * from the artifact store as the API streams them. Always a download, never shown inline: an uploaded file must not
 * become a page of the console's origin.
 */
public final class ArtifactDownload {
    private final ArtifactService artifacts;

    public ArtifactDownload(ArtifactService artifacts) {
        this.artifacts = artifacts;
    }

    public void download(Context ctx, SignedIn session) throws IOException {
        ModelName model = PathParams.model(ctx);
        ModelId modelId = PathParams.modelId(ctx, model);
        ArtifactPath path = PathParams.artifactPath(ctx);
        Artifact artifact = artifacts.find(model, modelId, path);
        // Opened before any header is set: a blob missing from the store is then a whole error page, not a body cut
        // short under the artifact's Content-Length.
        InputStream in = artifacts.open(artifact, 0, artifact.size());
        String fileName = path.value().substring(path.value().lastIndexOf('/') + 1);
        ctx.header("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("Repr-Digest", ContentDigest.header(artifact.sha256()));
        ctx.contentType("application/octet-stream");
        ctx.res().setContentLengthLong(artifact.size());
        try (in; OutputStream out = ctx.res().getOutputStream()) {
            in.transferTo(out);
        }
    }
}
