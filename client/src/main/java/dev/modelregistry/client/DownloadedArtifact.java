package dev.modelregistry.client;

import java.nio.file.Path;

/** An artifact downloaded, verified and moved into place: where it is now and what was checked. */
public record DownloadedArtifact(String path, Path file, long size, String sha256, String mediaType) {
}
