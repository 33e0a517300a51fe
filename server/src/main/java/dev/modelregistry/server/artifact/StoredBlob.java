package dev.modelregistry.server.artifact;

/** A blob now in the store: its SHA-256 (lower-case hex) and size in bytes. */
public record StoredBlob(String sha256, long size) {
}
