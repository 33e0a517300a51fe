package dev.modelregistry.server.console;

import io.javalin.http.Context;
import org.webjars.WebJarVersionLocator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's static files, read once from the classpath: its stylesheet, and htmx from its WebJar (the version
 * the build resolved, found by the WebJar locator), so no third-party code is copied into the repository.
 */
public final class ConsoleAssets {
    /** A file the console serves: its bytes and media type. */
    private record Asset(byte[] bytes, String mediaType) {
    }

    private final Map<String, Asset> assets;

    public ConsoleAssets() {
        String htmx = new WebJarVersionLocator().fullPath("htmx.org", "dist/htmx.min.js");
        if (htmx == null) {
            throw new IllegalStateException("the htmx WebJar is not on the classpath");
        }
        this.assets = Map.of(
                "console.css", new Asset(read("/console/console.css"), "text/css; charset=utf-8"),
                "htmx.min.js", new Asset(read("/" + htmx), "text/javascript; charset=utf-8"));
    }

    /** GET /ui/assets/{file}: only the files listed above; anything else is not found. */
    public void serve(Context ctx, SignedIn session) {
        Asset asset = assets.get(ctx.pathParam("file"));
        if (asset == null) {
            throw dev.modelregistry.core.error.RegistryException.notFound("asset");
        }
        // Revalidated hourly rather than stored forever: the path carries no version.
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.mediaType()).result(asset.bytes());
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
