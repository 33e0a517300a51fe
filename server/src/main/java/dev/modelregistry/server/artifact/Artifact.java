package dev.modelregistry.server.artifact;

import java.time.Instant;

/** One file of a version: its path and the blob (digest and size) it names. */
public record Artifact(String path, String sha256, long size, String mediaType, String uploadedBy, Instant uploadedAt) {
}
